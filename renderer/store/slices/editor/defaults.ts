/** What a new window starts with: a script that shows input, console and result at once. */
export const DEFAULT_CODE = `// The script is the body of a function that receives \`input\`.
// Return a value to see it as JSON; \`await\` works at the top level.
const { a, b } = input
console.log('adding', a, 'and', b)
return { sum: a + b }
`

export const DEFAULT_INPUT = `{
  "a": 2,
  "b": 40
}
`
