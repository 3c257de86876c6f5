/**
 * The ways work summaries say what the template's indicators count, beyond the template's own names and
 * aliases (which are always used). Kept as data: a new way of saying something is a new word in a list.
 *
 * A cue is found before the number in its clause (发放宣传单200份), after it (150人次参加了听讲活动), or in
 * the sentence around it; the unit written after the number decides between indicators that share a cue
 * (讲座2次 → 健康教育讲座, 讲座…150人次 → 讲座参加人次).
 */
export interface IndicatorPhrases {
  /** Words that name what is counted (beyond the template's name and aliases). */
  cues: readonly string[];
  /**
   * Units summaries write for this indicator that the template cannot convert (板报8处 for 块, 海报100余份
   * for 张): such a mention is kept with the unit_mismatch flag rather than dropped or converted by guess.
   */
  saidUnits?: readonly string[];
  /** Words the text after the number must not hold (巾帼志愿者20人参加了启动仪式 is not 出动人员). */
  notAfter?: readonly string[];
}

export const PHRASES: Readonly<Record<string, IndicatorPhrases>> = {
  meetings: { cues: ['会议', '动员会', '动员大会', '工作会', '例会', '推进会', '座谈会', '部署会'] },
  leaflets: {
    cues: ['宣传单', '宣传资料', '宣传册', '宣传材料', '宣传品', '资料', '倡议书', '一封信', '公开信', '明白纸', '手册', '折页', '告知书', '致辖区单位书'],
  },
  banners: { cues: ['横幅', '标语', '条幅'] },
  boards: { cues: ['板报', '黑板报', '宣传栏', '专栏', '展板', '橱窗', '宣传牌'], saidUnits: ['处'] },
  posters: { cues: ['海报', '宣传画', '挂图'], saidUnits: ['份'] },
  lectures: { cues: ['讲座', '健康教育课', '知识讲座', '健康课堂', '大讲堂'] },
  lecture_attendance: { cues: ['讲座', '听讲', '健康教育课', '健康课堂', '大讲堂'] },
  clinics: { cues: ['义诊', '健康咨询'] },
  clinic_people: { cues: ['义诊', '测血压', '测血糖', '免费体检', '健康咨询'] },
  surveyed: { cues: ['问卷', '调查'] },
  aware: { cues: [] },
  awareness_rate: { cues: ['知晓率'] },
  behaviour: { cues: [] },
  behaviour_rate: { cues: ['形成率'] },
  cleanups: { cues: ['洁净家园', '大扫除', '集中清理', '集中整治', '清洁家园', '卫生整治活动', '环境整治活动', '清洁活动', '义务劳动'] },
  volunteers: {
    cues: ['组织人员', '出动人员', '出动', '志愿者', '党员干部', '参与人员', '参加人员', '发动居民', '清洁工'],
    notAfter: ['参加了', '参加', '表演', '演出', '比赛'],
  },
  garbage_t: { cues: ['垃圾', '杂物', '杂草', '淤泥', '积存垃圾', '陈年垃圾', '建筑垃圾'], saidUnits: ['车', '车次', '方', '立方米', '立方'] },
  dead_corners: { cues: ['死角', '卫生死角', '乱堆乱放', '卫生盲点', '脏乱差点'], saidUnits: ['起'] },
  ads_removed: { cues: ['小广告', '牛皮癣', '野广告', '乱贴乱画', '乱涂乱画'], saidUnits: ['张', '平方米', '条'] },
  ditches_m: { cues: ['沟渠', '水沟', '排水沟', '排沟', '排渠', '下水道', '明沟', '暗沟'] },
  rodent_bait_kg: { cues: ['鼠药', '毒饵', '灭鼠药', '鼠饵', '溴敌隆'] },
  roach_bait_kg: { cues: ['灭蟑药', '蟑螂药', '灭蟑螂药'] },
  bait_stations: { cues: ['毒饵站', '毒饵盒', '灭鼠盒'] },
  rat_traps: { cues: ['鼠夹', '鼠笼', '粘鼠板'] },
  disinfected_m2: { cues: ['消杀', '消毒', '喷洒', '喷药'] },
  vector_funds: { cues: ['经费', '资金'] },
  poisonings: { cues: ['中毒'] },
  notices: { cues: ['整改通知', '通知书', '整改书'] },
  inspections: { cues: ['检查', '督查', '巡查'] },
};
