import type { Rng } from './rng.js';

// Who lives in the demo: handling units, proposing bodies, leaders, 委员 and 代表. Names are
// invented; they only have to read like the real thing.

export interface UnitSpec {
  code: string;
  name: string;
  kind: 'department' | 'town' | 'enterprise' | 'other';
}

const u = (code: string, name: string, kind: UnitSpec['kind'] = 'department'): UnitSpec => ({ code, name, kind });

/** The 40 handling units of 平湖市; `code` doubles as the unit account's username. */
export const UNITS: UnitSpec[] = [
  u('fagai', '发展和改革局'), u('jingxin', '经济和信息化局'), u('jiaoyu', '教育局'), u('keji', '科技局'),
  u('gongan', '公安局'), u('minzheng', '民政局'), u('sifa', '司法局'), u('caizheng', '财政局'),
  u('renshe', '人力资源和社会保障局'), u('ziran', '自然资源和规划局'), u('shengtai', '生态环境分局'),
  u('zhujian', '住房和城乡建设局'), u('jiaotong', '交通运输局'), u('shuili', '水利局'), u('nongye', '农业农村局'),
  u('shangwu', '商务局'), u('wenguang', '文化广电旅游局'), u('weijian', '卫生健康局'), u('yingji', '应急管理局'),
  u('shijian', '市场监督管理局'), u('yibao', '医疗保障局'), u('zhifa', '综合行政执法局'), u('shuiwu', '税务局'),
  u('tuiyi', '退役军人事务局'), u('dashuju', '大数据发展管理局'), u('touzi', '投资促进中心'), u('tongji', '统计局'),
  u('gongdian', '供电公司', 'enterprise'), u('shuiwujt', '水务集团', 'enterprise'), u('canlian', '残疾人联合会', 'other'),
  u('fulian', '妇女联合会', 'other'), u('danghu', '当湖街道', 'town'), u('zhongdai', '钟埭街道', 'town'),
  u('caoqiao', '曹桥街道', 'town'), u('xincang', '新仓镇', 'town'), u('xindai', '新埭镇', 'town'),
  u('zhapu', '乍浦镇', 'town'), u('dushangang', '独山港镇', 'town'), u('guangchen', '广陈镇', 'town'),
  u('lindai', '林埭镇', 'town'),
];

/** 嘉兴市's own few units: enough for its proposals to be handled. */
export const JX_UNITS: UnitSpec[] = [
  u('jx_fagai', '发展和改革委员会'), u('jx_jiaoyu', '教育局'), u('jx_nongye', '农业农村局'),
  u('jx_weijian', '卫生健康委员会'), u('jx_zhujian', '住房和城乡建设局'),
];

export interface BodySpec {
  username: string;
  name: string;
  kind: 'party' | 'sector_group' | 'committee' | 'people_org';
}

export const BODIES: BodySpec[] = [
  { username: 'mengmin', name: '民盟平湖市基层委员会', kind: 'party' },
  { username: 'tt_minjian', name: '民建平湖市总支', kind: 'party' },
  { username: 'tt_minjin', name: '民进平湖市总支', kind: 'party' },
  { username: 'tt_nonggong', name: '农工党平湖市总支', kind: 'party' },
  { username: 'tt_jiusan', name: '九三学社平湖市支社', kind: 'party' },
  { username: 'tt_gongshang', name: '平湖市工商业联合会', kind: 'people_org' },
  { username: 'tt_tuanshi', name: '共青团平湖市委员会', kind: 'people_org' },
  { username: 'tt_jiebie11', name: '第十一界别活动组', kind: 'sector_group' },
  { username: 'tt_jiebie3', name: '第三界别活动组', kind: 'sector_group' },
  { username: 'tt_tiwei', name: '提案委员会', kind: 'committee' },
  { username: 'tt_jingwei', name: '经济委员会', kind: 'committee' },
];

/** 9 city leaders; index 3 (a 副市长) is the demo leader account. */
/** Documents print them by organ and name: 「市政府领导周建明」, 「市政协领导朱卫国」. */
export const LEADERS = [
  { name: '周建明', title: '市长', organ: 'government' },
  { name: '陆永华', title: '常务副市长', organ: 'government' },
  { name: '沈慧芳', title: '副市长', organ: 'government' },
  { name: '顾志刚', title: '副市长', organ: 'government' },
  { name: '钱晓东', title: '副市长', organ: 'government' },
  { name: '金海鹰', title: '副市长', organ: 'government' },
  { name: '朱卫国', title: '市政协主席', organ: 'cppcc' },
  { name: '姚丽萍', title: '市政协副主席', organ: 'cppcc' },
  { name: '许文军', title: '市政协副主席', organ: 'cppcc' },
] as const;
export const DEMO_LEADER = 3;

const SECTORS: Record<string, string[]> = {
  经济界: ['浙江华仁包装科技有限公司', '平湖市东方箱包有限公司', '嘉兴港区物流集团', '平湖农商银行', '浙江景兴纸业股份有限公司'],
  教育界: ['平湖中学', '当湖高级中学', '平湖市实验小学', '平湖市职业中等专业学校', '平湖市乍浦中学'],
  医药卫生界: ['平湖市第一人民医院', '平湖市中医院', '当湖街道社区卫生服务中心', '平湖市妇幼保健院'],
  农业界: ['平湖市农业技术推广中心', '新仓镇果蔬专业合作社', '广陈镇家庭农场协会', '平湖市农业经济开发区'],
  科技界: ['平湖市科技创新服务中心', '浙江清华长三角研究院平湖分院', '平湖经济技术开发区管委会'],
  文化艺术界: ['平湖市文化馆', '平湖市图书馆', '平湖派琵琶艺术研究会', '平湖市融媒体中心'],
  社会福利和社会保障界: ['平湖市社会福利中心', '平湖市慈善总会', '当湖街道东湖社区'],
  工商联界: ['平湖市商会', '平湖市青年企业家协会', '浙江新仓建材有限公司'],
  法律界: ['浙江平湖律师事务所', '平湖市公证处'],
};
const SECTOR_NAMES = Object.keys(SECTORS);
const PARTIES = ['民盟', '民建', '民进', '农工党', '九三学社', '中共', '中共', '无党派', '无党派'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙朱胡郭何林高沈陆顾钱俞金姚蒋曹马许韩冯叶程魏吕丁任严范施潘戴袁蔡邵方汪毛'.split('');
const GIVEN = [
  '建国', '秀英', '志强', '丽华', '卫东', '海燕', '晓峰', '玉兰', '国华', '红梅', '建华', '美玲', '伟民', '佳慧', '文斌', '雪芳',
  '立新', '慧敏', '永健', '春燕', '宏伟', '静怡', '明辉', '晓燕', '振华', '婷婷', '俊杰', '雅琴', '忠良', '月娥', '浩然', '丹丹',
  '国平', '素珍', '旭东', '晓红', '泽民', '琳', '峰', '敏', '杰', '勇', '芳', '军', '磊', '洁', '燕', '斌', '一鸣', '思远', '晨',
  '嘉怡', '子涵', '梦洁', '利群', '金龙', '惠娟', '庆丰', '学军', '爱萍', '伟峰', '雪梅', '晓军', '海峰', '丽娟', '志刚',
];

/** Unique realistic names: each call returns a name never returned before by this generator. */
export class NameMaker {
  private used = new Set<string>(LEADERS.map((l) => l.name));
  constructor(private rng: Rng) {}
  next(): string {
    for (;;) {
      const n = this.rng.pick(SURNAMES) + this.rng.pick(GIVEN);
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }
}

export interface MemberSpec {
  name: string;
  sector: string;
  party: string;
  workplace: string;
  phone: string;
}

export function makeMembers(rng: Rng, names: NameMaker, n: number): MemberSpec[] {
  return Array.from({ length: n }, () => {
    const sector = rng.pick(SECTOR_NAMES);
    return { name: names.next(), sector, party: rng.pick(PARTIES), workplace: rng.pick(SECTORS[sector]!), phone: rng.phone() };
  });
}
