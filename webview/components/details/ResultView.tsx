// An execution or tool result: text, JSON, or a file link. The link is never an href: a click asks the
// host to open it, and the host decides whether the scheme is acceptable.
import type { ResultValue } from '../../../src/model/types';
import { useHost } from '../../vscodeApi';
import { CopyButton, Empty, LongText } from '../common';
import { JsonView } from '../JsonView';
import { Text } from '../Text';

export function ResultView({ result, label }: { result: ResultValue | undefined; label: string }) {
  const host = useHost();
  if (!result || (result.text === undefined && result.json === undefined && result.fileLink === undefined)) {
    return <Empty>No {label.toLowerCase()}.</Empty>;
  }
  return (
    <div class="result">
      {result.text !== undefined && <LongText text={result.text} label={label} />}
      {result.json !== undefined && <JsonView value={result.json} label={label} expandDepth={2} />}
      {result.fileLink !== undefined && (
        <div class="file-link">
          <span class="codicon codicon-file" aria-hidden="true" />
          <button
            type="button"
            class="link-button"
            title="Open file"
            onClick={() => host.post({ type: 'openLink', url: result.fileLink! })}
          >
            <Text value={result.fileLink} />
          </button>
          <CopyButton text={result.fileLink} label="file link" />
        </div>
      )}
    </div>
  );
}
