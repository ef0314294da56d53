#!/usr/bin/env node
// The CLI is written in TypeScript: run from its bundle (see compiled.js), else through tsx's loader.
import { compiledModule } from './compiled.js'

const compiled = await compiledModule('cli')
let cli
if (compiled) cli = await import(compiled)
else {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import('../src/cli.ts')
}
process.exitCode = await cli.main(process.argv.slice(2))
