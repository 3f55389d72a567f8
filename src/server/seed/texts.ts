import type { Category, ContactMethod, ResultClass, Satisfaction, SupervisionKind } from '../../shared/domain.js';
import type { Rng } from './rng.js';

// Templates for every text of the demo. `{t}` is the subject's topic. Bodies follow the shape of
// real proposals: situation, problems, causes, numbered suggestions.

const fill = (s: string, t: string) => s.replaceAll('{t}', t);
const CN = ['一', '二', '三', '四', '五', '六'];

const INTROS = [
  '{t}事关群众切身利益，也是推动我市高质量发展的重要一环。近年来，市委、市政府高度重视{t}，相关部门做了大量工作，取得了明显成效。但对照群众期盼和先进地区做法，仍存在一些短板。',
  '近年来，我市围绕{t}出台了一系列政策措施，工作取得积极进展。提案人在走访调研中发现，{t}仍面临一些亟待解决的问题，需要引起重视。',
  '当前，{t}已成为社会普遍关注的热点。今年以来，提案人通过实地走访、座谈交流、问卷调查等方式，对我市{t}情况进行了专题调研，现将有关情况和建议报告如下。',
  '{t}是践行“以人民为中心”发展思想的具体体现。我市在这方面起步较早、基础较好，但随着形势变化，一些深层次问题逐渐显现。',
];

const PROBLEMS = [
  '统筹协调机制不健全。{t}涉及多个部门，职责边界不够清晰，存在“多头管理、各管一段”现象，工作合力尚未形成。',
  '资金投入保障不足。{t}前期投入大、回报周期长，目前主要依靠财政资金，社会资本参与积极性不高，部分镇（街道）配套资金落实困难。',
  '城乡发展不够均衡。{t}的资源和服务主要集中在城区，镇村一级覆盖面不足，群众获得感存在差异。',
  '专业人才较为缺乏。基层从事{t}的工作人员数量少、专业化程度不高、流动性大，难以满足工作需要。',
  '长效管理机制缺失。部分项目“重建设、轻管理”，建成后运行维护责任不明确，有的设施出现闲置或损坏。',
  '政策宣传不够到位。群众对{t}相关政策知晓率不高、参与度有限，部分政策红利未能充分释放。',
  '数字化水平不高。{t}相关数据分散在不同部门，信息共享不畅，“数据孤岛”问题较为突出。',
  '标准规范不够统一。{t}缺乏统一的建设和服务标准，各地做法不一，质量参差不齐。',
  '监督考核不够有力。对{t}的考核偏重过程、轻视结果，群众满意度尚未纳入评价体系。',
];

const CAUSES = [
  '究其原因，一方面是对{t}的重要性认识还不够到位，部分单位把它当作“软任务”；另一方面是政策碎片化，缺少系统谋划和顶层设计。',
  '从调研情况看，问题的根源在于体制机制，部门之间权责交叉，基层“看得见的管不着、管得着的看不见”。',
  '同时，与嘉善、海盐等周边县（市）相比，我市在{t}方面的政策支持力度和创新举措还有一定差距。',
  '此外，随着人口结构变化和群众需求升级，{t}原有的供给模式已难以适应新形势、新要求。',
];

const SUGGESTIONS = [
  '加强统筹协调。建议成立由分管市领导牵头的{t}工作专班，明确部门职责分工，建立定期会商和问题交办机制。',
  '加大资金保障。建议将{t}纳入年度财政预算重点保障，整合各类涉及资金，通过政府购买服务、以奖代补等方式引导社会资本参与。',
  '补齐镇村短板。建议推动{t}资源向镇村延伸，优先解决群众反映强烈的突出问题，促进城乡均衡发展。',
  '强化人才支撑。建议通过定向培养、岗位补贴、职称评定倾斜等措施，稳定和充实基层工作队伍。',
  '建立长效机制。建议明确建后管护主体和经费来源，推行“建管并重”，把运行维护情况纳入年度考核。',
  '推进数字赋能。建议依托“浙里办”等平台打通部门数据壁垒，建设{t}数字化应用场景，实现“一网统管”。',
  '加强宣传引导。建议通过媒体、社区、农村文化礼堂等多种渠道宣传相关政策，提高群众知晓率和参与度。',
  '学习先进经验。建议组织相关部门赴先进地区考察学习，结合平湖实际制定可操作的实施细则。',
  '完善考核评价。建议将{t}工作成效纳入部门和镇（街道）综合考核，引入第三方评估和群众满意度测评。',
];

const BY_CATEGORY: Record<Category, string[]> = {
  agriculture: ['加大农业科技推广力度，支持“企业+合作社+农户”模式，带动农民持续增收。', '完善村级运维经费保障，落实“一村一员”管护责任。'],
  ecology: ['严格落实“一河一策”，加强日常巡查和水质监测，做到问题早发现、早处置。', '对群众环境投诉实行限时办结和回访制度，推动问题闭环销号。'],
  economy: ['建立企业诉求“直通车”机制，对企业反映的问题实行清单化交办、销号式管理。', '优化惠企政策兑现流程，推行“免申即享”，让企业少跑腿。'],
  education: ['推动优质学校与薄弱学校结对共建，缩小城乡、校际差距。', '建立家校社协同育人机制，形成守护学生健康成长的合力。'],
  health: ['推进检查检验结果互认，减少重复检查，减轻群众就医负担。', '完善基层医务人员薪酬激励机制，稳定基层医疗队伍。'],
  culture: ['深入挖掘平湖地方文化资源，讲好平湖故事，打造具有辨识度的文旅品牌。', '完善文旅设施配套，提升游客服务体验。'],
  social: ['建立需求摸底和动态管理台账，对重点群体实行精准服务。', '发挥社会组织和志愿者作用，构建政府主导、社会参与的服务格局。'],
  urban: ['坚持规划先行，统筹考虑人口分布和出行需求，科学布局公共设施。', '建立居民议事协商机制，让群众参与项目谋划、建设和监督全过程。'],
  governance: ['完善部门协同联动机制，推动跨部门、跨层级业务协同和数据共享。', '推动资源、服务、管理向基层下沉，充实基层力量。'],
  other: ['搭建常态化交流平台，拓展合作领域。', '完善配套服务，营造良好环境。'],
};

export function proposalBody(rng: Rng, topic: string, category: Category): string {
  const problems = rng.sample(PROBLEMS, rng.int(2, 3)).map((p, i) => `（${CN[i]}）${fill(p, topic)}`);
  // Kept in template order: the opening cause (究其原因) must come before the ones that add to it.
  const causes = rng.sample(CAUSES.map((_, i) => i), 2).sort().map((i) => fill(CAUSES[i]!, topic)).join('');
  const picks = [...rng.sample(SUGGESTIONS, rng.int(2, 3)).map((s) => fill(s, topic)), `因地制宜、分类施策。建议${rng.pick(BY_CATEGORY[category])}`];
  const suggestions = rng.shuffle(picks).map((s, i) => `${i + 1}. ${s}`);
  return [fill(rng.pick(INTROS), topic), '一、存在的问题', ...problems, '二、原因分析', causes, '三、具体建议', ...suggestions].join('\n\n');
}

const MEASURES = ['建立了部门联席会议制度', '出台了专项实施方案', '完成了试点村（社区）的先行探索', '将相关工作纳入年度民生实事项目', '组织开展了专项督查'];
const CLOSINGS: Record<ResultClass, string> = {
  A: '您提出的建议符合我市实际，我们已充分吸收采纳，相关措施已落实到位。',
  B: '您提出的建议很有针对性，我们已将相关内容列入年度工作计划，正在逐步推进落实，并将及时向您反馈进展情况。',
  C: '受资金、用地等条件限制，您提出的部分建议目前暂不具备全面实施的条件，我们将留作今后工作参考，待条件成熟时积极推进。',
};

export function replyBody(rng: Rng, o: { proposer: string; title: string; topic: string; unit: string; co: string[]; cls: ResultClass; second?: boolean }) {
  const withCo = o.co.length ? `会同${o.co.join('、')}` : '';
  const m = rng.sample(MEASURES, 2);
  const next = rng.sample(SUGGESTIONS, 3).map((s, i) => `${CN[i]}是${fill(s.split('。')[1] ?? s, o.topic).replace(/^建议/, '')}`);
  return [
    `${o.proposer}：`,
    `您提出的《${o.title}》收悉。感谢您对${o.topic}工作的关心和支持。我单位${withCo}对提案进行了认真研究，并与您进行了沟通${o.second ? '；根据您的测评意见，我们重新进行了办理' : ''}。现答复如下：`,
    `一、基本情况。近年来，我单位高度重视${o.topic}工作，${m[0]}，${m[1]}，累计投入资金${rng.int(80, 2600)}万元，工作取得了阶段性成效。`,
    `二、下一步工作。${next.join('；')}。`,
    CLOSINGS[o.cls],
    `再次感谢您对${o.unit}工作的关心和支持。`,
  ].join('\n\n');
}

const CONTACT: Record<ContactMethod, string> = {
  face: '{u}分管负责人带队与提案人面商，详细听取了提案人对{t}的意见建议，介绍了工作进展和下一步打算，双方就办理思路达成共识。',
  phone: '{u}承办科室负责人与提案人电话沟通，了解提案背景和具体诉求，约定答复前再次征求意见。',
  meeting: '{u}召开提案办理座谈会，邀请提案人和相关部门参加，共同研究{t}中的难点问题。',
  visit: '{u}陪同提案人实地察看{t}相关点位，现场研究解决办法。',
};
export const contactSummary = (method: ContactMethod, unit: string, topic: string) => fill(CONTACT[method].replace('{u}', unit), topic);

export const coOpinion = (rng: Rng, unit: string, topic: string) =>
  `${unit}对该提案进行了认真研究，会办意见如下：一是${rng.pick(['将结合部门职能，在政策和资金上给予支持', '将积极配合主办单位做好相关工作', '建议将有关内容纳入明年工作计划'])}；二是${fill(rng.pick(['加强与主办单位的信息共享，共同推进{t}', '做好{t}相关配套保障', '在职责范围内抓好{t}有关措施落实']), topic)}。请主办单位统筹考虑。`;

export function evaluationComment(rng: Rng, result: Satisfaction): string {
  const options: Record<Satisfaction, string[]> = {
    satisfied: ['承办单位态度诚恳，沟通充分，答复具体，措施可行。', '办理认真，面商深入，建议基本得到采纳，感谢！', '答复实事求是，落实举措明确，满意。'],
    basic: ['办理态度较好，但部分建议落实时间表不够明确，希望加快推进。', '答复较为全面，希望在资金保障上再加大力度。', '总体认可，个别问题仍需持续跟进。'],
    unsatisfied: ['答复内容较为原则，未针对所提具体问题提出解决措施，希望重新办理。', '办理前未充分沟通，答复与提案诉求不符，不满意。'],
  };
  return rng.pick(options[result]);
}

export function followUpText(rng: Rng, topic: string, done: boolean, month: number): string {
  if (done) return `截至${month}月底，${topic}相关措施已全部落实到位，有关情况已向提案人反馈，该提案办理工作完成。`;
  return `截至${month}月底，${topic}相关工作已完成年度计划的${rng.int(45, 85)}%，${rng.pick(['项目前期手续已办结，正在组织实施', '配套政策已起草完成，正在征求意见', '试点工作已在2个镇（街道）启动'])}，预计年底前完成。`;
}

const ACTIVITY: Record<SupervisionKind, { place: string[]; content: string }> = {
  consultation: { place: ['市政协三楼会议室', '市民中心协商议事厅'], content: '围绕{t}召开重点提案专题协商会，听取承办单位办理情况汇报，与提案人面对面协商。' },
  supervision_meeting: { place: ['市政府第一会议室', '市政府第三会议室'], content: '召开重点提案督办会，逐条对照提案建议检查办理进度，协调解决{t}推进中的难点问题。' },
  site_visit: { place: ['当湖街道', '新仓镇', '乍浦镇', '独山港镇', '新埭镇'], content: '实地视察{t}相关项目推进情况，现场听取镇（街道）和部门汇报。' },
  discussion: { place: ['市政协委员会客厅', '承办单位会议室'], content: '召开{t}办理座谈会，听取委员、群众代表和基层一线意见。' },
};

export function activityText(rng: Rng, kind: SupervisionKind, topic: string, unit: string) {
  const a = ACTIVITY[kind];
  return {
    place: rng.pick(a.place),
    content: fill(a.content, topic),
    unitReport: `${unit}汇报：已制定办理方案，明确责任科室和时间节点，${rng.pick(['已完成阶段性目标', '主要任务正按序时推进', '已落实专项资金'])}。`,
    memberOpinions: fill(rng.pick(['委员们认为办理工作成效明显，建议进一步完善长效机制。', '委员们建议加大{t}的资金投入，扩大覆盖面。', '提案人对办理工作表示认可，希望加强跟踪问效。']), topic),
    instructions: fill(rng.pick(['要坚持问题导向，把{t}作为民生实事抓紧抓实，确保年内见到实效。', '各相关部门要加强协同，形成合力，按时保质完成办理任务。', '要建立长效机制，定期向提案人通报进展，办理情况纳入年度考核。']), topic),
  };
}

export const RETURN_COMMENTS = ['建议进一步聚焦具体问题，补充调研数据和可操作的建议后再提交。', '案由与正文不够对应，请修改完善后重新提交。'];
export const REJECT_COMMENTS: Record<string, string> = {
  not_in_scope: '所提事项不属于提案范围，转有关部门作为来信处理。',
  personal_matter: '涉及具体个案，转有关部门作为来信处理。',
  too_general: '内容较为空泛，转为社情民意信息报送。',
  already_solved: '所提问题已在推进解决，作为社情民意信息转送有关部门参考。',
};
