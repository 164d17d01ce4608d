// The 海岛 filter of the island pages' filter bars: one labelled select over the islands, empty for all of them.
import { Form, Select } from 'antd';
import type { useIslands } from './use-islands';

export function IslandFilter({ islands, width = 140, onChange }: { islands: ReturnType<typeof useIslands>; width?: number; onChange: (value: string | undefined) => void }) {
  return (
    <Form.Item label="海岛" name="island">
      <Select placeholder="全部海岛" allowClear loading={islands.loading} options={islands.options} style={{ width }} onChange={onChange} />
    </Form.Item>
  );
}
