import type { Category } from '../../shared/domain.js';
import type { Rng } from './rng.js';

// What proposals are about. Each subject names its topic (used in the body templates), the unit
// that would lead the answer, plausible co-handling units, and a few natural title stems
// ("关于<stem>的建议"). `key` marks the subjects chosen as this year's key proposals.

export interface Subject {
  category: Category;
  topic: string;
  lead: string;
  co: string[];
  stems: string[];
  key?: boolean;
}

type Row = [Category, string, string, string, string, boolean?];

const ROWS: Row[] = [
  ['agriculture', '农村生活污水治理', 'nongye', 'zhujian shengtai shuiwujt caizheng', '加快推进农村生活污水治理提质增效|健全农村生活污水处理设施长效运维机制|加强农村生活污水治理设施运行监管', true],
  ['agriculture', '预制菜产业', 'nongye', 'shangwu jingxin shijian touzi', '推动预制菜产业高质量发展|打造长三角预制菜产业集聚区|加强预制菜食品安全监管与品牌建设', true],
  ['agriculture', '高标准农田建设', 'nongye', 'caizheng ziran shuili', '高质量推进高标准农田建设|加强高标准农田建后管护|推进耕地集中连片整治'],
  ['agriculture', '村级集体经济', 'nongye', 'caizheng shangwu ziran', '发展壮大村级集体经济|拓宽强村富民增收渠道|规范村级集体资产管理'],
  ['agriculture', '粮食生产', 'nongye', 'caizheng ziran', '稳定粮食播种面积保障粮食安全|完善种粮农民收益保障机制'],
  ['agriculture', '农业社会化服务', 'nongye', 'keji caizheng', '健全农业社会化服务体系|培育壮大新型农业经营主体'],
  ['agriculture', '数字乡村建设', 'nongye', 'dashuju jingxin', '加快数字乡村建设|推进农业生产数字化改造'],
  ['agriculture', '和美乡村建设', 'nongye', 'zhujian wenguang ziran', '深化“千万工程”建设和美乡村|提升乡村风貌整治成效|推进未来乡村建设'],
  ['agriculture', '农产品品牌建设', 'nongye', 'shangwu shijian', '打响平湖农产品区域公用品牌|拓宽平湖西瓜等特色农产品销售渠道'],
  ['agriculture', '农村宅基地管理', 'ziran', 'nongye zhujian', '规范农村宅基地审批管理|盘活农村闲置农房和宅基地'],
  ['agriculture', '乡村人才振兴', 'nongye', 'renshe jiaoyu', '加强乡村人才振兴|吸引青年返乡入乡创业'],
  ['agriculture', '农业面源污染治理', 'nongye', 'shengtai', '加强农业面源污染治理|推进化肥农药减量增效'],
  ['agriculture', '水产养殖尾水治理', 'nongye', 'shengtai shuili', '推进水产养殖尾水治理|发展生态循环渔业'],
  ['agriculture', '芦笋特色产业', 'xincang', 'nongye shangwu', '做强新仓芦笋特色产业|延伸芦笋产业链提升附加值'],
  ['agriculture', '农业经济开发区建设', 'guangchen', 'nongye ziran', '推进广陈农业经济开发区建设|打造农业“科创飞地”'],
  ['ecology', '河长制', 'shuili', 'shengtai zhifa nongye', '深化河长制推动河湖长治|压实基层河长履职责任|推进全域幸福河湖建设'],
  ['ecology', '生活垃圾分类', 'zhifa', 'zhujian shengtai danghu', '提升城乡生活垃圾分类实效|完善再生资源回收利用体系|推进垃圾分类“定时定点”投放'],
  ['ecology', '小微企业危险废物处置', 'shengtai', 'jingxin', '加强小微企业危险废物收运处置|完善工业固废闭环管理'],
  ['ecology', '挥发性有机物治理', 'shengtai', 'jingxin zhifa', '加强挥发性有机物综合治理|推进涂装行业废气整治'],
  ['ecology', '绿色低碳转型', 'fagai', 'jingxin shengtai gongdian', '推进经济社会绿色低碳转型|加快分布式光伏推广应用|推进工业企业节能降碳'],
  ['ecology', '湿地保护', 'ziran', 'shengtai nongye', '加强东湖湿地生态保护|推进滨海湿地生态修复'],
  ['ecology', '城市噪声污染防治', 'shengtai', 'gongan zhifa zhujian', '加强城市噪声污染防治|整治夜间施工扰民问题'],
  ['ecology', '饮用水水源保护', 'shuiwujt', 'shuili shengtai', '加强饮用水水源地保护|提升城乡供水水质保障水平'],
  ['economy', '涉企执法“白名单”', 'sifa', 'shijian zhifa yingji shengtai gongan shuiwu', '建立涉企执法“白名单”制度|推行涉企“集中检查日”减少多头执法|优化涉企行政检查方式', true],
  ['economy', '数字经济', 'jingxin', 'fagai keji dashuju touzi', '加快发展数字经济|推进中小企业数字化转型|培育数字经济核心产业', true],
  ['economy', '营商环境', 'fagai', 'shijian sifa shuiwu dashuju', '持续优化营商环境|深化“最多跑一次”改革提升政务服务效能'],
  ['economy', '小微企业融资', 'caizheng', 'jingxin fagai', '缓解小微企业融资难融资贵|完善政府性融资担保体系'],
  ['economy', '民营经济', 'jingxin', 'fagai caizheng shijian', '促进民营经济高质量发展|弘扬新时代平湖企业家精神'],
  ['economy', '招商引资', 'touzi', 'shangwu fagai jingxin', '提升招商引资质效|加强产业链精准招商'],
  ['economy', '外贸发展', 'shangwu', 'shuiwu jingxin', '支持外贸企业稳订单拓市场|推动跨境电商发展'],
  ['economy', '低效工业用地再开发', 'ziran', 'jingxin fagai', '推进低效工业用地再开发|深化“亩均论英雄”改革'],
  ['economy', '港产城融合', 'jiaotong', 'fagai zhapu dushangang', '推动独山港区港产城融合发展|做大做强临港产业'],
  ['economy', '夜间经济', 'shangwu', 'wenguang zhifa danghu', '激发夜间经济活力|打造城市特色消费街区'],
  ['economy', '传统产业转型升级', 'jingxin', 'shangwu shijian keji', '推动箱包服装传统产业转型升级|推进传统制造业智能化改造'],
  ['economy', '专精特新企业培育', 'jingxin', 'keji caizheng', '培育专精特新“小巨人”企业|完善科技型中小企业梯度培育机制'],
  ['economy', '个体工商户', 'shijian', 'shuiwu shangwu', '扶持个体工商户健康发展|减轻个体工商户经营负担'],
  ['economy', '企业用工', 'renshe', 'jingxin jiaoyu', '缓解制造业企业结构性用工短缺|加强产业技能人才培养'],
  ['economy', '减税降费', 'shuiwu', 'caizheng', '落实结构性减税降费政策|优化办税缴费服务'],
  ['economy', '质量品牌建设', 'shijian', 'jingxin', '实施质量强市战略加强品牌培育|推进“品字标”企业培育'],
  ['education', '校园周边交通安全', 'gongan', 'jiaoyu jiaotong zhujian', '加强校园周边交通安全治理|缓解中小学上下学时段交通拥堵|规范校车运营管理', true],
  ['education', '课后服务', 'jiaoyu', 'caizheng', '提升中小学课后服务质量|丰富课后服务内容供给'],
  ['education', '学前教育', 'jiaoyu', 'caizheng zhujian', '扩大普惠性学前教育资源|推进托幼一体化发展'],
  ['education', '学生心理健康', 'jiaoyu', 'weijian', '加强中小学生心理健康教育|建立学生心理危机早期预警机制'],
  ['education', '职业教育', 'jiaoyu', 'renshe jingxin', '深化产教融合发展职业教育|加强职业院校与本地企业合作'],
  ['education', '教师队伍建设', 'jiaoyu', 'renshe caizheng', '减轻中小学教师非教学负担|加强乡村教师队伍建设'],
  ['education', '近视防控', 'jiaoyu', 'weijian', '加强儿童青少年近视防控'],
  ['education', '新居民子女入学', 'jiaoyu', 'gongan', '保障新居民子女平等接受义务教育|优化义务教育招生入学服务'],
  ['education', '科技创新平台', 'keji', 'jingxin caizheng', '加强科技创新平台建设|完善科技成果转化机制'],
  ['education', '人才引育', 'renshe', 'keji zhujian', '完善高层次人才引育政策|加强青年人才安居保障'],
  ['education', '校园食品安全', 'shijian', 'jiaoyu', '推进校园食堂“明厨亮灶”建设|加强校园食品安全监管'],
  ['education', '劳动教育', 'jiaoyu', 'nongye wenguang', '加强中小学劳动教育实践基地建设|推进研学实践教育'],
  ['education', '学校体育场馆开放', 'jiaoyu', 'wenguang', '推动学校体育场馆向社会开放'],
  ['health', '县域医共体', 'weijian', 'yibao caizheng renshe', '深化县域医共体建设|提升基层医疗卫生服务能力|推进优质医疗资源下沉', true],
  ['health', '家庭医生签约服务', 'weijian', 'yibao', '做实家庭医生签约服务|提升家庭医生签约服务质量'],
  ['health', '医保服务', 'yibao', 'weijian', '深化医保支付方式改革|扩大异地就医直接结算范围'],
  ['health', '中医药发展', 'weijian', 'yibao', '促进中医药传承创新发展|加强基层中医药服务能力'],
  ['health', '社会心理服务', 'weijian', 'jiaoyu minzheng', '健全社会心理服务体系'],
  ['health', '院前急救', 'weijian', 'jiaotong', '完善院前急救网络建设|推广公共场所AED配置'],
  ['health', '普惠托育服务', 'weijian', 'jiaoyu minzheng fulian', '发展普惠托育服务|完善婴幼儿照护服务体系'],
  ['health', '慢性病管理', 'weijian', 'yibao', '加强慢性病健康管理|推进“两慢病”全周期健康服务'],
  ['health', '就医体验', 'weijian', 'jiaotong gongan', '改善群众就医体验|缓解医院周边停车难问题'],
  ['social', '居家养老服务', 'minzheng', 'weijian caizheng zhujian', '完善居家养老服务体系|推进社区嵌入式养老服务|发展老年助餐服务', true],
  ['social', '养老护理人才', 'minzheng', 'renshe', '加强养老护理人才队伍建设'],
  ['social', '老旧小区加装电梯', 'zhujian', 'ziran shijian danghu', '加快推进老旧小区加装电梯|破解既有住宅加装电梯协调难题', true],
  ['social', '老旧小区改造', 'zhujian', 'danghu zhongdai', '推进城镇老旧小区改造提升|完善老旧小区长效管理'],
  ['social', '住宅小区物业管理', 'zhujian', 'minzheng danghu', '加强住宅小区物业管理|规范住宅专项维修资金使用'],
  ['social', '残疾人帮扶', 'canlian', 'minzheng renshe', '推进残疾人就业帮扶|加强无障碍环境建设'],
  ['social', '社会救助', 'minzheng', 'caizheng', '健全分层分类社会救助体系'],
  ['social', '新就业形态劳动者权益', 'renshe', 'shijian', '加强新就业形态劳动者权益保障|完善外卖骑手等群体服务保障'],
  ['social', '退役军人服务', 'tuiyi', 'renshe', '加强退役军人就业创业扶持'],
  ['social', '儿童友好城市建设', 'fulian', 'jiaoyu zhujian', '推进儿童友好城市建设'],
  ['social', '社区治理', 'minzheng', 'danghu zhongdai caoqiao', '减轻社区负担激发基层治理活力|加强社区工作者队伍建设'],
  ['social', '电动自行车安全', 'yingji', 'gongan zhujian gongdian', '加强电动自行车充电安全管理|推进电动自行车集中充电设施建设'],
  ['social', '燃气安全', 'zhujian', 'yingji shijian', '加强餐饮场所燃气安全管理'],
  ['social', '住房保障', 'zhujian', 'caizheng', '完善保障性租赁住房供给'],
  ['social', '新市民服务', 'gongan', 'renshe', '提升新市民融入服务水平'],
  ['urban', '城市停车', 'zhujian', 'gongan zhifa', '缓解老城区停车难问题|推进公共停车设施建设'],
  ['urban', '城乡公交', 'jiaotong', 'zhujian', '优化城乡公交线网|推进公交与轨道交通接驳'],
  ['urban', '城中村改造', 'zhujian', 'ziran danghu', '有序推进城中村改造'],
  ['urban', '海绵城市建设', 'zhujian', 'shuili', '加快海绵城市建设|治理城市积水易涝点'],
  ['urban', '农村公路养护', 'jiaotong', 'nongye', '加强农村公路养护管理|提升“四好农村路”建设水平'],
  ['urban', '新能源汽车充电设施', 'gongdian', 'zhujian fagai', '推进新能源汽车充电桩建设|提升农村电网供电可靠性'],
  ['urban', '城乡供水', 'shuiwujt', 'zhujian', '推进城乡供水一体化|加强二次供水设施管理'],
  ['urban', '城市精细化管理', 'zhifa', 'zhujian', '规范城市占道经营|推进城市家具精细化管理'],
  ['urban', '架空线整治', 'gongdian', 'zhujian jingxin', '整治城市“空中蜘蛛网”'],
  ['urban', '地下管网建设', 'zhujian', 'shuiwujt gongdian', '加强地下管网统筹建设'],
  ['urban', '老城区有机更新', 'danghu', 'zhujian ziran', '推进当湖老城区有机更新'],
  ['urban', '小城镇环境整治', 'xindai', 'zhujian', '推进小城镇环境综合整治|提升新埭镇集镇功能'],
  ['culture', '全域旅游', 'wenguang', 'nongye jiaotong', '推进全域旅游发展|发展乡村民宿经济|打造九龙山旅游度假区'],
  ['culture', '非物质文化遗产保护', 'wenguang', 'jiaoyu', '加强非物质文化遗产保护传承|推进平湖派琵琶艺术传承'],
  ['culture', '历史文化保护', 'zhapu', 'wenguang ziran', '保护开发乍浦古城历史文化|保护利用历史文化街区'],
  ['culture', '公共文化服务', 'wenguang', 'caizheng', '提升城市书房等公共文化空间服务效能|推进农村文化礼堂提质'],
  ['culture', '全民健身', 'wenguang', 'zhujian', '完善全民健身设施|推进百姓健身房建设'],
  ['culture', '文旅融合', 'wenguang', 'shangwu', '推动文旅商融合发展|发展西瓜灯文化节庆经济'],
  ['governance', '政务数据共享', 'dashuju', 'fagai', '推进政务数据共享应用|推进“一网通办”向基层延伸'],
  ['governance', '矛盾纠纷化解', 'sifa', 'gongan minzheng', '完善矛盾纠纷多元化解机制|发挥人民调解基础作用'],
  ['governance', '电信网络诈骗防范', 'gongan', 'jiaoyu', '加强电信网络诈骗防范宣传|构建反诈全民防线'],
  ['governance', '基层应急能力', 'yingji', 'shuili', '提升基层应急管理能力|加强防汛防台基层应急体系建设'],
  ['governance', '安全生产', 'yingji', 'jingxin', '加强小微企业安全生产监管'],
  ['governance', '公共法律服务', 'sifa', 'minzheng', '完善公共法律服务体系|推进村(社区)法律顾问实质化'],
  ['governance', '统计数据质量', 'tongji', 'fagai', '提高基层统计数据质量'],
  ['other', '对台交流', 'shangwu', 'wenguang', '深化平湖与台湾地区经贸文化交流'],
];

export const SUBJECTS: Subject[] = ROWS.map(([category, topic, lead, co, stems, key]) => ({
  category,
  topic,
  lead,
  co: co.split(' '),
  stems: stems.split('|'),
  key: key ?? false,
}));

/** Generic stems that read well with any topic; used once the hand-written ones run out. */
const GENERIC = ['进一步做好{t}工作', '破解{t}难点堵点', '完善{t}工作机制', '提升{t}水平'];

export interface Topic {
  subject: Subject;
  title: string;
}

/**
 * The titles of one session, drawn without repetition: the hand-written stems first (shuffled),
 * then the generic ones. `take` removes and returns the first topic matching a predicate.
 */
export class TopicPool {
  private items: Topic[];
  constructor(rng: Rng, subjects: Subject[] = SUBJECTS) {
    const mk = (subject: Subject, stem: string) => ({ subject, title: `关于${stem.replace('{t}', subject.topic)}的建议` });
    const hand = subjects.flatMap((s) => s.stems.map((st) => mk(s, st)));
    const generic = subjects.flatMap((s) => GENERIC.map((g) => mk(s, g)));
    this.items = [...rng.shuffle(hand), ...rng.shuffle(generic)];
  }
  take(pred: (t: Topic) => boolean = () => true): Topic {
    const i = this.items.findIndex(pred);
    if (i < 0) throw new Error('题目用尽');
    return this.items.splice(i, 1)[0]!;
  }
}
