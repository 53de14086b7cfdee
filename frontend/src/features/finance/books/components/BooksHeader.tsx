import { Flex, Typography } from "antd";
import type { ReactNode } from "react";

/** A books page's title, what it is for, and its actions on the right. */
export function BooksHeader({ title, intro, extra }: { title: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap="wrap">
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {title}
        </Typography.Title>
        {intro ? <Typography.Text type="secondary">{intro}</Typography.Text> : null}
      </div>
      {extra ? <div>{extra}</div> : null}
    </Flex>
  );
}
