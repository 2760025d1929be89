import { describe, expect, it } from 'vitest';
import { setAsideNoticeText, setAsideSummary, withSetAsideSummary, type SetAsideCallDay } from '../../../main/engine/callDays';

// Issue 9: call charges the balance limit refused are reported, one line for an import or a start.
const refused = (clientId: number, clientName: string, day: string): SetAsideCallDay => ({ clientId, clientName, day, message: `Amount: this would take ${clientName}'s balance past the limit` });

describe('set-aside call days', () => {
  it('says nothing when nothing was set aside', () => {
    expect(setAsideSummary([])).toBeNull();
  });

  it('names each client with its days and the reason, and counts the client-days', () => {
    const text = setAsideSummary([refused(1, 'Alice Martin', '2026-11-20'), refused(1, 'Alice Martin', '2026-11-21'), refused(2, 'Bob Stone', '2026-11-20')]);
    expect(text).toMatch(/^Call charges of 3 client-days were not posted/);
    expect(text).toContain("Alice Martin (2026-11-20, 2026-11-21: Amount: this would take Alice Martin's balance past the limit)");
    expect(text).toContain('Bob Stone (2026-11-20:');
    expect(text).toMatch(/stay pending/);
  });

  it('stays one short line for many clients and days', () => {
    const many = Array.from({ length: 50 }, (_, client) => Array.from({ length: 30 }, (_, day) => refused(client, `Client ${client}`, `2026-11-${String(day + 1).padStart(2, '0')}`))).flat();
    const text = setAsideSummary(many)!;
    expect(text).toMatch(/^Call charges of 1,500 client-days/);
    expect(text).toMatch(/and 47 more clients/);
    expect(text).toMatch(/and 27 more/);
    expect(text.length).toBeLessThan(1000);
  });

  it("the client's notice names the days and how they get charged", () => {
    expect(setAsideNoticeText('Alice Martin', ['2026-11-20'], 'over the limit')).toMatch(/^Alice Martin's calls of 2026-11-20 are not charged yet: over the limit\. .*payment or a reversal/);
    expect(setAsideNoticeText('Alice Martin', ['2026-11-20', '2026-11-21'], 'x')).toMatch(/calls of 2 days \(2026-11-20, 2026-11-21\) are not charged/);
  });

  it("adds the summary after a report's own message, and leaves it alone when nothing was set aside", () => {
    const one = [refused(1, 'Alice Martin', '2026-11-20')];
    expect(withSetAsideSummary(null, [])).toBeNull();
    expect(withSetAsideSummary('Cancelled.', [])).toBe('Cancelled.');
    expect(withSetAsideSummary(null, one)).toBe(setAsideSummary(one));
    expect(withSetAsideSummary('Cancelled.', one)).toBe(`Cancelled. ${setAsideSummary(one)}`);
  });
});
