// 启用 / 暂停 / 立即执行 for a rule, shared by the list and the editor. The contract gives rules no
// allowedActions, so the buttons follow its words: draft and paused rules can be activated, active ones
// paused and run (409 otherwise); an ended rule does neither. 立即执行 asks first, and sends one
// Idempotency-Key per confirmation, so pressing 确定 again after a lost answer does not send twice.
import { App } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage, newIdempotencyKey } from '../../api/client';
import { activateRule, pauseRule, runRule, type Rule, type RuleRun } from '../../api/notices';

export const canActivate = (rule: Rule) => rule.status === 'draft' || rule.status === 'paused';
export const canPause = (rule: Rule) => rule.status === 'active';
export const canRun = (rule: Rule) => rule.status === 'active';

export function useRuleCommands(handlers: {
  /** The rule as the server now has it. */
  onChanged: (rule: Rule) => void;
  onRan?: (run: RuleRun, rule: Rule) => void;
  /** A 409: someone else changed the rule; the caller reloads it. */
  onStale: () => void;
}) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);

  async function toggle(rule: Rule) {
    const activating = canActivate(rule);
    setBusy(rule.id);
    try {
      const next = activating ? await activateRule(rule.id) : await pauseRule(rule.id);
      message.success(activating ? `已启用「${next.name}」` : `已暂停「${next.name}」`);
      handlers.onChanged(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        message.warning('该规则状态已变化，已刷新');
        handlers.onStale();
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setBusy(null);
    }
  }

  function run(rule: Rule) {
    const key = newIdempotencyKey();
    modal.confirm({
      title: `立即执行「${rule.name}」？`,
      content: (
        <>
          <p>将按该规则已保存的受众条件和内容立即生成通知；已收到过相同去重键通知的人不会重复收到。</p>
          {rule.urgency === 'urgent' ? (
            <p>
              <strong>这是紧急通知：</strong>不受每日、每周频次上限和免打扰时段限制，将立即发送。
            </p>
          ) : (
            <p>频次上限和免打扰时段照常生效，超出的通知顺延发送。</p>
          )}
        </>
      ),
      okText: '确定',
      cancelText: '取消',
      // Throwing keeps the dialog open, so the person can read the error and decide again.
      onOk: async () => {
        try {
          const { run: result } = await runRule(rule.id, key);
          message.success(
            `已执行「${rule.name}」：符合条件 ${result.matched} 人，加入发送队列 ${result.queued} 条，因去重跳过 ${result.deduped} 人`,
          );
          handlers.onRan?.(result, rule);
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            message.warning('只有启用中的规则可以执行；该规则状态已变化，已刷新');
            handlers.onStale();
            return;
          }
          message.error(errorMessage(error));
          throw error;
        }
      },
    });
  }

  return { busy, toggle, run };
}
