/**
 * Fictional names: places, people and brands. Nothing here names a real place, person or company on purpose;
 * names are assembled from common characters, so an accidental match with a real village is possible but arbitrary.
 *
 * Glossary:
 * - place name: two characters (e.g. 柳泉) plus a suffix added by the caller (村, 乡, 镇).
 * - Han name: surname (weighted roughly by frequency, with the Hui-common 马 and 杨 boosted as in Changji) + a one-
 *   or two-character given name. Uyghur and Kazakh names are given name · father's given name (艾力·吐尔逊), about
 *   one roster name in seven, as on rosters in northern Xinjiang.
 */
import type { Rng } from './prng';

const PLACE_FIRST = [
  ...'红青白黄金银新东西南北上下前后大小长高古石沙柳榆杨梨杏桃枣泉河渠湖山岭坡滩湾沟井庄屯堡园林芦苇草马牛羊鹿雁鹤丰和安平顺兴隆盛永乐宁康',
];
const PLACE_SECOND = [...'泉沟湾滩渠台庄堡营屯井梁湖园坪岗塘桥河林树坝湖田坡店寨洼岔口'];

/** `count` distinct two-character place names, none in `taken`. */
export function placeNames(rng: Rng, count: number, taken: ReadonlySet<string> = new Set()): string[] {
  const names = new Set<string>();
  const combos = PLACE_FIRST.length * PLACE_SECOND.length;
  if (count > combos - taken.size) throw new Error(`cannot make ${count} distinct place names`);
  while (names.size < count) {
    const first = rng.pick(PLACE_FIRST);
    const second = rng.pick(PLACE_SECOND);
    const name = `${first}${second}`;
    if (first !== second && !taken.has(name)) names.add(name);
  }
  return [...names];
}

/** Space-separated words of a string (keeps long name lists compact). */
function words(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** Surnames with their relative frequency (per cent of the population, roughly). */
const SURNAMES: readonly (readonly [string, number])[] = words(
  '王7.1 李7.0 张6.8 刘5.4 陈4.5 杨3.8 赵2.3 黄2.2 周2.1 吴2.0 徐1.6 孙1.5 马3.0 胡1.3 ' +
    '朱1.3 郭1.2 何1.2 罗0.9 高1.1 林0.8 梁0.8 宋0.8 郑0.8 谢0.6 韩0.7 唐0.6 冯0.6 于0.6 ' +
    '董0.6 程0.5 曹0.5 袁0.5 邓0.5 许0.5 傅0.4 沈0.4 彭0.4 吕0.4 苏0.4 蒋0.4 贾0.4 丁0.4 ' +
    '魏0.4 薛0.3 任0.4 田0.4 姜0.3 范0.3 石0.3 姚0.3 白0.3 崔0.3 毛0.3 秦0.3 史0.3 侯0.3 ' +
    '孟0.3 龙0.2 段0.2 雷0.2 常0.2 武0.2 乔0.2 贺0.2 牛0.2 鲁0.2 冶0.15 海0.15 闫0.2 ' +
    '祁0.15',
).map((entry) => [entry.slice(0, 1), Number(entry.slice(1))] as const);
const GIVEN_ONE = [...'伟芳娜敏静磊洋勇军杰娟涛明超霞平刚强辉华鹏飞兰英丽萍红燕玲宁斌波亮峰晨凯琳雪梅婷慧'];
const GIVEN_TWO = words(
  '建国 建军 志强 秀英 桂英 玉兰 海燕 红梅 国强 文华 德明 春花 建华 永红 金花 立新 卫东 振华 学军 晓燕 ' +
    '丽娟 志刚 俊杰 浩然 子涵 雨轩 欣怡 嘉怡 宇航 明轩 新民 春雷 秋菊 冬梅 玉梅 彦军 玉成 福林 占山 生财 ' +
    '玉山 万福 海龙 天明 瑞雪 佳琪 思远 博文 文静 晓东 ',
);
const UYGHUR_MALE = words(
  '艾力 买买提 吐尔逊 阿不都热依木 热合曼 艾尔肯 努尔买买提 亚森 托合提 阿布力孜 依明 卡德尔 肉孜 吾斯曼',
);
const UYGHUR_FEMALE = words(
  '古丽 阿依古丽 帕提古丽 热依拉 米热古丽 阿依努尔 再努尔 阿孜古丽 努尔古丽 祖丽菲亚',
);
const KAZAKH_MALE = words('叶尔兰 努尔兰 哈力木拉提 别克 叶尔波力 阿斯哈尔 加尔肯 赛力克 达吾列提 木拉提');
const KAZAKH_FEMALE = words('加娜尔 阿依达娜 古丽娜尔 阿依夏 玛依拉 沙吾列 阿依努尔 古丽巴哈');

function hanName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  return surname + (rng.chance(0.3) ? rng.pick(GIVEN_ONE) : rng.pick(GIVEN_TWO));
}

function minorityName(rng: Rng): string {
  const kazakh = rng.chance(0.4);
  const male = rng.chance(0.6);
  const given = kazakh ? (male ? KAZAKH_MALE : KAZAKH_FEMALE) : male ? UYGHUR_MALE : UYGHUR_FEMALE;
  return `${rng.pick(given)}·${rng.pick(kazakh ? KAZAKH_MALE : UYGHUR_MALE)}`;
}

/** A person's full name. */
export function personName(rng: Rng): string {
  return rng.chance(0.14) ? minorityName(rng) : hanName(rng);
}

/** Two-character brand words for company and shop names (伊禾, 沃丰 …). */
const BRAND_FIRST = [...'天绿金沃丰禾瑞康鑫源润泽盛农田园绿宏嘉华恒昌晟'];
const BRAND_SECOND = [...'禾丰润源泽穗农田园康盛达鑫惠旺谷粟稷野'];

export function brandName(rng: Rng): string {
  for (;;) {
    const first = rng.pick(BRAND_FIRST);
    const second = rng.pick(BRAND_SECOND);
    if (first !== second) return `${first}${second}`;
  }
}
