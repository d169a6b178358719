// JSON from files people write or save: errors name the line and column. Pure: no `vscode`.
import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Malformed JSON, with where: the message names line and column, and callers can put the cursor there. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${file} is not valid JSON (line ${line}, column ${column}): ${problem}`);
    this.name = 'JsonSyntaxError';
  }
}

const problems: Record<string, string> = {
  InvalidSymbol: 'unexpected text',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'unfinished comment',
  UnexpectedEndOfString: 'unfinished string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** JSON.parse that reports the line and column (1-based) of the first error. */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's messages do not always carry a position; jsonc-parser (strict settings) always does.
    const errors: ParseError[] = [];
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const code = first ? printParseErrorCode(first.error) : '';
    throw new JsonSyntaxError(name, line, column, problems[code] ?? (e as Error).message);
  }
}
