import { describe, expect, it } from 'vitest';
import { I18n } from '$lib/i18n/i18n.svelte';
import type { Lang } from '$lib/i18n/messages';
import { SUMMARY_PAD_EM, othersWidthEm, setupLineEm, textEm } from './setupFit';

/** The default font size (px) and the library pane at its widest (Shell: minmax(18em, 26em)). */
const FONT_PX = 15;
const PANE_EM = 26;
/** The setup row's own padding (0.9em each side). */
const PAD_EM = 1.8;
/** The setup row's width in em at a window `px` wide with the library pane open. */
const roomEm = (px: number) => px / FONT_PX - PANE_EM - PAD_EM;

function labels(lang: Lang, running: boolean) {
  const i = new I18n();
  i.lang = lang;
  const n = 99;
  return {
    buttons: [i.t('matrix.all'), i.t('matrix.none'), running ? i.t('matrix.running', { n }) : i.t('matrix.run')],
    others: i.t('matrix.others', { n }),
  };
}

describe('the matrix setup row', () => {
  it('estimates text widths: full-width characters 1em, others 0.6em', () => {
    expect(textEm('生成矩阵')).toBe(4);
    expect(textEm('Clear')).toBeCloseTo(3);
    expect(textEm('（已选 9 份）')).toBeCloseTo(6.8);
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`stays on one line at 1366 px with the library pane open (${lang}), also while comparing 99 documents`, () => {
      for (const running of [false, true]) {
        expect(setupLineEm(labels(lang, running).buttons), `running: ${running}`).toBeLessThanOrEqual(roomEm(1366));
      }
    });

    it(`shows the whole chosen-documents label on one line at 1366 px (${lang})`, () => {
      const { buttons, others } = labels(lang, false);
      expect(textEm(others) + SUMMARY_PAD_EM).toBeLessThanOrEqual(othersWidthEm(buttons, roomEm(1366)));
    });
  }
});
