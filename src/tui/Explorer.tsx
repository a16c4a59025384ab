import type { ImageAnalysis } from '../analysis/types.js';
import { App } from './App.js';
import { Loading } from './components/Loading.js';
import type { TerminalSize } from './use-terminal-size.js';
import type { ImageTree } from './view-model/image-tree.js';
import type { LoadingStatus } from './view-model/progress.js';

export type ExplorerProps =
  | {
      readonly phase: 'loading';
      readonly status: LoadingStatus;
      readonly isColor: boolean;
      readonly width: number;
      readonly height: number;
    }
  | {
      readonly phase: 'ready';
      readonly tree: ImageTree;
      readonly analysis: ImageAnalysis;
      readonly isColor: boolean;
      readonly size?: TerminalSize;
      readonly reserveRows?: number;
    };

/** The root the CLI renders: the progress screen while loading, then the explorer. */
export function Explorer(props: ExplorerProps) {
  if (props.phase === 'loading') {
    return (
      <Loading
        status={props.status}
        width={props.width}
        height={props.height}
        isColor={props.isColor}
      />
    );
  }
  return (
    <App
      tree={props.tree}
      analysis={props.analysis}
      isColor={props.isColor}
      {...(props.size === undefined ? {} : { size: props.size })}
      {...(props.reserveRows === undefined ? {} : { reserveRows: props.reserveRows })}
    />
  );
}

export { App } from './App.js';
export { buildImageTree } from './view-model/image-tree.js';
