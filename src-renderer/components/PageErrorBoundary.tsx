import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  retryLabel: string;
  /** Changing it (a new route) clears the error. */
  resetKey: string;
  children: ReactNode;
}

/** A page that crashes shows what happened and a way back, instead of blanking the whole console. */
export class PageErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        subTitle={this.state.error.message}
        extra={<Button onClick={() => this.setState({ error: null })}>{this.props.retryLabel}</Button>}
      />
    );
  }
}
