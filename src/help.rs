//! 使用说明: the clerk's guide, shown in the app (`#/help`) and written to `docs/使用说明.md`
//! (`cargo run -- --help-markdown`) and to `assets/guide.json` (`cargo run -- --assets assets`),
//! the file the page fetches when the guide is opened, so its text is not in the first download;
//! tests keep all three the same. Each step has both languages and may name a screenshot taken
//! from the real page (`scripts/screenshots.sh`).

use serde::{Deserialize, Serialize};

/// The guide as the page reads it (`assets/guide.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSection {
    /// Chinese, English.
    pub title: [String; 2],
    /// The screenshot's path under `help/`, its caption in Chinese and English.
    pub image: Option<[String; 3]>,
    /// Each step in Chinese and English.
    pub steps: Vec<[String; 2]>,
}

/// One step of the guide.
#[cfg(not(target_arch = "wasm32"))]
pub struct Step {
    pub zh: &'static str,
    pub en: &'static str,
}

#[cfg(not(target_arch = "wasm32"))]
pub struct Section {
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// A screenshot under `help/` (in `dist/` and `docs/help/`), with its caption.
    pub image: Option<(&'static str, &'static str, &'static str)>,
    pub steps: &'static [Step],
}

#[cfg(not(target_arch = "wasm32"))]
pub const SECTIONS: &[Section] = &[
    Section {
        title_zh: "一、填写项目支出绩效自评表",
        title_en: "1. Filling in a project form",
        image: Some((
            "help/editor.png",
            "自评表：左边填写，右边是得分构成和审核提示",
            "The form: fill in on the left; the score breakdown and review notes on the right",
        )),
        steps: &[
            Step {
                zh: "在首页点“＋ 新建项目支出绩效自评表”，或先“载入示例”看看填好的样子。",
                en: "On the start page click “+ New project expenditure self-evaluation form”, or load a sample first to see a filled-in form.",
            },
            Step {
                zh: "按纸质表的顺序填写：项目名称、主管部门、实施单位、年度；项目资金（万元）的年初预算数、全年预算数、全年执行数。执行率和预算执行率得分自动算出。",
                en: "Fill in as on the paper form: project name, department, implementing unit, year; then the funds (10k yuan): initial budget, full-year budget, full-year spending. The execution rate and its score are computed for you.",
            },
            Step {
                zh: "在各二级指标下点“+ 添加”增加三级指标行，填写年度指标值、实际完成值和分值。指标值可以照原样写，例如“≥95%”“不低于3家”“≤30天”“定性：好”。光标在一行的输入框里时按回车，会在同一个二级指标下添加一行。",
                en: "Under each level-2 indicator click “+ Add” for a level-3 row and fill in the target, the actual value and the weight. Write values as on the form, e.g. “≥95%”, “不低于3家”, “≤30天”. Pressing Enter in a row's field adds a row under the same level-2 indicator.",
            },
            Step {
                zh: "每行旁边显示按《评分规则》算出的规则得分。自评得分留空就采用规则得分（标“按规则”）；填了不同的分数会提示差异，点“采用规则得分”可一键改回。",
                en: "Each row shows the rule score computed by the scoring rules. Leave the claimed score blank to use the rule score (marked “by rule”); a different claimed score is flagged, and “Use rule score” puts it back.",
            },
            Step {
                zh: "总分、等级和各一级指标小计随输入即时更新；所填内容自动保存在本浏览器中，关闭页面也不会丢失。",
                en: "The total, the grade and the subtotals update as you type; everything is saved in this browser automatically, also when the page is closed.",
            },
        ],
    },
    Section {
        title_zh: "二、看懂审核提示",
        title_en: "2. Reading the review notes",
        image: Some((
            "help/review.png",
            "审核提示：错误、警告、提示，各自注明依据的规则",
            "Review notes: errors, warnings and notes, each naming its rule",
        )),
        steps: &[
            Step {
                zh: "右侧“审核提示”列出全部问题，同样的提示也显示在相应输入框下方。",
                en: "The “Review notes” panel lists every problem; the same note is shown under the field it concerns.",
            },
            Step {
                zh: "“错误”必须改正（例如分值合计不是100、执行数大于预算数却得满分）；“警告”需要核实或在偏差原因中说明（例如执行率低于90%、自评得分与规则得分不同）；“提示”仅供参考。",
                en: "An error must be fixed (e.g. weights not adding up to 100); a warning needs checking or an explanation in the reasons column (e.g. execution below 90 %, a claimed score different from the rule score); a note is for information.",
            },
            Step {
                zh: "R1–R6 是《评分规则》的条目编号；“输入”表示无法识别的填写内容，例如“9.81元”写在以万元为单位的栏里。",
                en: "R1–R6 are the sections of the scoring rules; “Input” marks something that could not be read, such as “9.81元” in a column in 10k yuan.",
            },
        ],
    },
    Section {
        title_zh: "三、从Word、Excel、WPS导入已有的表",
        title_en: "3. Bringing in forms from Word, Excel and WPS",
        image: Some((
            "help/paste.png",
            "导入Excel文件前的预览：读到的表头、资金、指标行，表上总分与计算总分，以及识别说明",
            "Before importing an Excel file: the header, funds and rows as read, the printed and the computed total, and notes on the reading",
        )),
        steps: &[
            Step {
                zh: "在Word、Excel或WPS中选中整张自评表（或只选其中的指标行）并复制，然后在本工具首页按Ctrl+V：表格会被识别为新的自评表。在打开的自评表中按Ctrl+V，则把复制的指标行添加到这张表对应的二级指标下（可撤销）。在输入框中粘贴单个数值，仍是普通的粘贴。",
                en: "In Word, Excel or WPS select the whole form (or just its indicator rows) and copy it, then press Ctrl+V on ziping's start page: the table is read as a new form. Inside an open form, Ctrl+V adds the copied indicator rows under their level-2 groups (undoable). Pasting a single value into a field is still an ordinary paste.",
            },
            Step {
                zh: "也可以在首页导入文件或把文件拖到导入框：支持Excel工作簿（.xlsx、.xls）、Word文档（.docx）、WPS另存的这些格式、网页（.html）和文本（.txt）。一个工作簿有多个工作表、一个文件里有几张表时，会逐张识别。旧版.doc、WPS的.et和.wps文件，请先在Word、Excel或WPS中另存为.docx或.xlsx。",
                en: "You can also import a file, or drop it on the import box: Excel workbooks (.xlsx, .xls), Word documents (.docx), WPS files saved in these formats, web pages (.html) and text (.txt). A workbook with several sheets, or a file with several forms, gives each form. Save old .doc files and WPS .et/.wps files as .docx or .xlsx first.",
            },
            Step {
                zh: "导入前先看预览：每张表的表头、项目资金、指标行，表上印的总分与本工具计算的总分；未能归入栏目的内容会列出，并记入该表的“备注”。确认后才保存；本机已有同一部门、年度、项目名称的表时，可选择跳过、替换或两份都保留。",
                en: "Check the preview first: for each form the header, the funds, the indicator rows, the total printed on the form beside the total ziping computes; content that fitted no field is listed and kept in the form's note. Nothing is saved until you confirm; for a form you already have (same department, year and project), choose skip, replace or keep both.",
            },
            Step {
                zh: "各地表格版式不同也能识别：列的顺序和名称（如“全年实际值”“未完成原因”）、分写在“指标性质／指标值／度量单位”几栏的指标值、写在标题里的分值（如“产出指标（50分）”）、湖北“年度绩效目标”分块计分等。表上印的执行率、总分和等级保存为“表上”数，与计算结果不一致时列入审核提示。",
                en: "Provincial layouts are recognised: the order and titles of columns (such as 全年实际值, 未完成原因), targets split over 指标性质 / 指标值 / 度量单位, weights written in headings such as 产出指标（50分）, 湖北's 年度绩效目标 blocks with their points. The execution rate, total and grade printed on the form are kept as printed figures and listed in the review notes where they differ from the computed ones.",
            },
            Step {
                zh: "没有分值栏的表（如湖北2020年格式）不按规则计分，只核对得分；如果分值能从表上推出（例如某一块的得分正好等于该块的分数），预览中可勾选“采用这些分值”。金额以“元”为单位的表会原样保留单位，并提示核对。",
                en: "A form without a weight column (such as 湖北 2020) gets no rule scores, only its claimed scores are checked; where the weights follow from the form (for example a block whose rows claim exactly its points), tick “use them” in the preview. Amounts written in 元 keep their unit and are flagged for checking.",
            },
        ],
    },
    Section {
        title_zh: "四、导出、打印与导入",
        title_en: "4. Exporting, printing and importing",
        image: Some((
            "help/import.png",
            "导入前的预览：已存在的表可选择跳过、替换或两份都保留",
            "Before an import: for a form that exists already, choose skip, replace or keep both",
        )),
        steps: &[
            Step {
                zh: "“导出JSON”保存完整内容，可以发给同事或换电脑后再导入，导入后与原表完全一致。",
                en: "“Export JSON” saves everything; send it to a colleague or import it on another computer, and the forms come back unchanged.",
            },
            Step {
                zh: "“汇总表CSV”和“指标明细CSV”可用Excel或WPS直接打开；修改后的指标明细CSV也能导入回来。",
                en: "The summary CSV and the indicator CSV open in Excel or WPS; an edited indicator CSV can be imported back.",
            },
            Step {
                zh: "“导出Excel”把表按正式格式写成Excel文件（.xlsx）：每张表一个工作表，合并单元格、边框、A4纵向一页宽；部门的多张表前面有一张汇总表，部门整体支出的数据单列一张。执行率、小计、总分和等级是公式，在Excel或WPS里改分值或得分后会自动重算；按规则算出的得分后注“（按规则）”。从编辑页导出一张表，从首页导出选中的表、一个部门一个年度的表或全部表。",
                en: "“Export Excel” writes the forms as an Excel file (.xlsx) in the official layout: one sheet per form with merged cells and borders, A4 portrait, one page wide; a department's forms come after a summary sheet, and the department form's figures get a sheet of their own. Execution rates, subtotals, the total and the grade are formulas that recompute when a weight or score is changed in Excel or WPS; a score the rules computed is marked “（按规则）”. Export one form from its page, or the selected forms, a department's year or everything from the start page.",
            },
            Step {
                zh: "“导出Word报告”为一个部门一个年度写出部门整体支出绩效自评报告（.docx）：单位基本情况、预决算、“三公”经费、政府采购、资产、50万元以上项目的说明等段落由填写的数字生成，缺少的数字会写明“未填”而不会编造，后面附各项目的自评表。报告按公文格式排版（A4、仿宋正文、黑体和楷体标题、页码），每一句都可以在Word或WPS里继续修改。编辑页的“导出Word”只导出这张表。",
                en: "“Export Word report” writes a department's year as its 部门整体支出绩效自评报告 (.docx): the paragraphs on the department, budget and final accounts, the “three public expenses”, procurement, assets and each project of 50万元 or more are written from the figures (a missing figure is said to be missing, never invented), followed by each project's form. It is laid out as an official document (A4, 仿宋 body, 黑体 and 楷体 headings, page numbers), and every sentence can be edited in Word or WPS. “Export Word” on a form's page writes that form alone.",
            },
            Step {
                zh: "导出的Excel或Word文件可以再导入ziping，得到同样的表（内容、分值、得分与总分都不变）。大量的表导出时，页面上方会显示进度，期间可以继续操作。",
                en: "An exported Excel or Word file imports back into ziping as the same forms (every field, weight, score and total). While many forms are written, the progress shows at the top of the page and the page stays usable.",
            },
            Step {
                zh: "“打印”按A4纸排版，与纸质表格式一致，也可在打印对话框中另存为PDF。",
                en: "“Print” lays the form out on A4 like the paper form; the print dialog can also save a PDF.",
            },
            Step {
                zh: "在首页选择文件或把文件拖到导入框里。导入前会先检查文件并列出其中的表；本机已有的表可选择跳过、替换或两份都保留，并注明哪一份较新。确认前不会改动任何数据。",
                en: "On the start page choose a file or drop it on the import box. The file is checked first and its forms are listed; for a form you already have, choose skip, replace or keep both (the newer one is named). Nothing changes until you confirm.",
            },
        ],
    },
    Section {
        title_zh: "五、部门整体支出与汇总表",
        title_en: "5. The department form and the summary table",
        image: Some((
            "help/summary.png",
            "汇总表：本部门本年度各项目的执行率、得分和等级",
            "The summary table: execution, scores and grades of a department's projects in a year",
        )),
        steps: &[
            Step {
                zh: "首页按部门和年度分组。点“汇总表 →”查看本部门本年度全部项目的执行率、各级得分、平均分和等级分布，可打印或导出。",
                en: "The start page groups forms by department and year. “Summary table →” shows execution, scores, the averages and the grade distribution of all projects of that department and year, to print or export.",
            },
            Step {
                zh: "部门整体支出绩效自评表按决算报表填写预算数和决算数；差异率、“三公”经费控制率、资产负债率等派生指标自动计算，并列出计算公式。",
                en: "The department form takes the budget and final figures from the final accounts; variance rates, the control rate of the “three public expenses”, the debt ratio and other derived figures are computed, with their formulas.",
            },
        ],
    },
    Section {
        title_zh: "六、数据保存在哪里",
        title_en: "6. Where your data is kept",
        image: None,
        steps: &[
            Step {
                zh: "数据只保存在本电脑的本浏览器中，不会上传。换电脑、换浏览器或清理浏览器数据之前，请先“导出全部（JSON）”。",
                en: "Data stays in this browser on this computer and is never uploaded. Before changing computer or browser, or clearing browser data, use “Export all (JSON)”.",
            },
            Step {
                zh: "本机的浏览器能保存约五千份各含30个指标的项目表（数据经压缩后保存）。导入前的预览会写明这次导入需要多少空间、本机还剩多少；空间不够时不会导入，也不会只导入一部分，可以先导出备份、删除不需要的表或清空回收站，再导入。",
                en: "This browser holds about five thousand project forms of 30 indicators each (the data is stored compressed). Before an import, the preview says how much room it needs and how much is left; when there is not enough, nothing is imported, not even part of it: export a backup, delete forms you do not need or empty the trash, then import again.",
            },
            Step {
                zh: "删除的表先进入回收站，可以恢复；删除、清空回收站和导入替换后，页面底部会出现“撤销”。",
                en: "Deleted forms go to the trash and can be restored; after a delete, emptying the trash or an import that replaced forms, an “Undo” bar appears.",
            },
            Step {
                zh: "首次打开后，没有网络时也能使用本页面。不能访问网址的电脑，可以使用单文件版 ziping.html：双击打开即可，功能相同。",
                en: "After the first visit the page also works without a network. On a computer that cannot reach the address, use the single-file edition ziping.html: open it by double-click, with the same features.",
            },
        ],
    },
    Section {
        title_zh: "七、财政局：收齐全县的表，全县汇总",
        title_en: "7. The finance bureau: a whole county's forms, the county view",
        image: None,
        steps: &[
            Step {
                zh: "各部门报来的文件可以一次导入：在导入框中一次选择多个文件，或“选择整个文件夹”，或把文件夹、.zip压缩包拖到导入框里（压缩包中的文件名用GBK或UTF-8编码都可以）。每个文件一行，写明读到几份表、其中新增、与本机相同、较本机新或较本机旧各几份；读不了的文件写明原因。确认一次，全部导入。",
                en: "The files the departments send import in one go: choose several files at once, or “pick a whole folder”, or drop a folder or a .zip on the import box (names inside in GBK or UTF-8 alike). Each file gets a line: how many forms it holds and how many are new, the same as stored, newer or older; a file that cannot be read says why. One confirmation imports them all.",
            },
            Step {
                zh: "同一个项目报了两次（同一部门、年度、项目名称），只保留修改时间较晚的一份；本机已有的，较新的一份默认替换本机的，其余默认跳过，可逐份改选。",
                en: "A project sent twice (same department, year and project name) counts once, the copy edited last; for a form already stored, a newer copy replaces it by default and the rest are skipped, each choice can be changed.",
            },
            Step {
                zh: "页面上方的“全县汇总”按年度列出每个部门：收到的表数、预算和执行、平均分与预算加权平均分、等级分布、自评总分与规则不一致的表、缺偏差原因和超额完成的情况。点列名排序，用“筛选”只看需要复核的表（如只看“差”），点部门名称打开其汇总表，点“▸”列出各表，点“历年”对比部门或项目的各年度。可导出CSV、Excel或打印。",
                en: "“County view” at the top lists every department of a year: forms received, budget and execution, the average and the budget-weighted average, grades, forms whose claimed total departs from the rules, missing reasons and over-achievement. Click a column title to sort, use “Filter” to see only the forms to review (e.g. only “poor”), click a department to open its summary table, “▸” to list its forms, “Years” to compare a department or a project year on year. Export CSV or Excel, or print.",
            },
            Step {
                zh: "复核：勾选页面上方的“复核模式”后，打开一份表，可在每行的“复核”栏和“预算执行率复核”中填写复核分和复核意见，在表下方填写总的复核意见、复核人、日期并勾选“已复核”。填了复核分的地方按复核分计算，没填的按自评得分计算，自评、规则、复核三个总分和等级并列显示。复核随JSON文件一起发回部门；部门导入后只能查看，不能修改，打印时带“复核”栏。",
                en: "Review: tick “Review mode” at the top, open a form, and enter review scores and opinions in each row's “Review” column and in “Review of the budget execution rate”; below the form enter the overall opinion, reviewer and date, and tick “Reviewed”. Where a review score is typed it counts, elsewhere the claimed score stands; the claimed, rule and review totals and grades show side by side. The review travels back to the department in the JSON file; there it is read-only and prints as a “Review” column.",
            },
        ],
    },
    Section {
        title_zh: "八、各省表样和部门整体支出绩效自评表",
        title_en: "8. Provincial templates and the department-wide form",
        image: Some((
            "help/department.png",
            "部门整体支出绩效自评表：资金按收入、支出性质分列，与部门整体数据不一致之处已列出",
            "A department-wide form: funds by income and spending nature, the cells that differ from the department's figures listed",
        )),
        steps: &[
            Step {
                zh: "新建表时，在“新建”按钮旁选择表样。项目支出：财政部2020年项目支出绩效自评表（默认）、湖北省2020年项目支出绩效自评表、指标值分栏的项目支出绩效自评表（云南式）、四川省部门预算项目支出绩效自评表（2023）。部门整体支出：部门整体支出绩效自评表、按部门决策／部门管理／部门绩效分组的部门整体支出绩效自评表、重庆市部门整体绩效自评表。选择会记住，下次新建沿用。",
                en: "When creating a form, pick its template beside the “New” button. Project forms: the MOF 2020 form (default), the Hubei 2020 form, the form with the target split in three columns (Yunnan), the Sichuan 2023 form. Department-wide forms: the department-wide form, the one grouped by decision / management / performance, the Chongqing form. The choice is remembered for the next form.",
            },
            Step {
                zh: "表样决定版式和评分规则的差别：湖北表预算执行情况20分、只有“年度财政资金总额”一行，反向指标超出目标时按“分值×目标值÷实际值”计分，定性指标“部分达成”为分值的50%～80%；分栏表把年度指标值分为“指标性质｜指标值｜度量单位”三栏填写，评分同财政部表；四川表的资金按财政资金、财政专户管理资金、单位资金、其他资金分行，用“权重”和“未完成原因分析”。各表样的规则、算例和出处见 docs/TEMPLATES.md。",
                en: "The template sets the layout and where the rules differ: the Hubei form gives budget execution 20 points on one row (年度财政资金总额), scores a reverse indicator over its target as weight × target ÷ actual, and bands “partly achieved” at 50 %–80 % of the weight; the split form enters the target as 指标性质 | 指标值 | 度量单位 and scores as the MOF form; the Sichuan form splits the funds by source (财政资金, 财政专户管理资金, 单位资金, 其他资金) and says 权重 and 未完成原因分析. Each template's rules, worked cases and sources: docs/TEMPLATES.md.",
            },
            Step {
                zh: "部门整体支出绩效自评表属于一个部门的一个年度：先在列表下方新建（或打开）本部门本年度的“部门整体支出基础数据”，在其页面上方选择表样，点“新建部门整体支出绩效自评表”。年初预算数、全年执行数、基本支出和项目支出、“三公”经费控制率、在职人员控制率、固定资产利用率等直接取自基础数据，不用再填；以后两边不一致时，表上列出不同之处，点“按部门整体数据填入”即可同步。全年预算数、按收入性质分的各行等基础数据里没有的，在表上填写。",
                en: "A department-wide form belongs to a department's year: first create (or open) the department's “department-wide figures” for the year below the list, choose a template at the top of that page and click “New department-wide self-evaluation form”. The initial budget, the spending, basic and project expenditure, the “three public expenses” control rate, the staff control rate and the fixed-asset usage are taken from the figures, not typed again; when the two later differ, the form lists the differences and “Take them from the department figures” brings them in line. What the figures do not hold (the adjusted budget, the rows by income nature) is typed on the form.",
            },
            Step {
                zh: "部门整体支出绩效自评表的得分是部门自己的，不计入项目的平均分、等级分布和预算合计：汇总表把它单列一行，全县汇总在“部门整体自评表”一栏显示其总分和等级，Word报告在整体绩效目标完成情况中写明得分，并把这张表放在各项目表之前。预算调整率、结转结余率、“三公”经费控制率和变动率等共性指标越低越好，即使年度指标值未写“≤”，也按反向计分；“三公”经费变动率等变动率可以是负数。",
                en: "The department-wide form's score is the department's own and is not counted in the projects' average, grades or budget sums: the summary table shows it on its own line, the county view in its “department form” column with its total and grade, and the Word report states it under the overall goals and puts the form before the projects'. Common ratios where less is better (budget adjustment, carry-over, “three public expenses” control and change rates) are scored as reverse even when the target has no “≤”; change rates may be negative.",
            },
            Step {
                zh: "重庆表不分一级、二级指标，指标一表列出：计量单位单独一栏，填写“调整指标值”后按调整后的指标值计分，“得分系数”为得分占权重的比例（自动计算），“是否核心指标”打勾即可；执行率得分 = 执行率 × 执行率权重。按部门决策、部门管理、部门绩效分组的表，预算执行以预算完成率等指标计分，资金表不设分值。",
                en: "The Chongqing form has no level-1 or level-2 columns: one list with the unit in its own column; once an adjusted target is typed the row is scored against it; the score coefficient (score over weight) is computed; tick “core indicator” where it applies; the execution score is the execution rate × its weight. On the form grouped by decision, management and performance, budget execution is scored by indicators such as the budget completion rate, and the fund table has no weight.",
            },
            Step {
                zh: "已有的表可在表头“表样”处更换（项目表之间、部门整体表之间）。更换前先列出将有的变化（分值、版式、规则和各项规则得分、总分的变化），确认后才更换；所填内容一概保留，换回原表样即恢复原样。从Word、Excel导入时，按表的版式自动识别表样（如湖北表的“年度绩效目标”分块、分栏的指标性质、四川表的资金来源行、部门整体表的标题和按收入／支出性质分的资金行、重庆表的得分系数和核心指标栏），导入预览中注明。",
                en: "A form's template can be changed in its header (among project templates, or among department ones). The change is listed first (weights, layout, rules, each rule score and the total that change) and made only when confirmed; everything typed is kept, and changing back restores the form. Imports from Word and Excel tell the template from the layout (Hubei's 年度绩效目标 blocks, a split target, Sichuan's fund rows by source, a department form's title and its funds by income and spending nature, Chongqing's coefficient and core columns) and say so in the preview.",
            },
        ],
    },
];

/// The guide as the page fetches it.
#[cfg(not(target_arch = "wasm32"))]
pub fn guide() -> Vec<GuideSection> {
    SECTIONS
        .iter()
        .map(|s| GuideSection {
            title: [s.title_zh.into(), s.title_en.into()],
            image: s.image.map(|(p, zh, en)| [p.into(), zh.into(), en.into()]),
            steps: s.steps.iter().map(|x| [x.zh.into(), x.en.into()]).collect(),
        })
        .collect()
}

/// `assets/guide.json`.
#[cfg(not(target_arch = "wasm32"))]
pub fn guide_json() -> String {
    serde_json::to_string_pretty(&guide()).unwrap_or_default() + "\n"
}

/// The guide as Markdown in Chinese with the English beneath (docs/使用说明.md).
#[cfg(not(target_arch = "wasm32"))]
pub fn markdown() -> String {
    let mut out = String::from(
        "# 使用说明 · User guide\n\n\
         <!-- generated from src/help.rs by `cargo run -- --help-markdown`; the app shows the same at #/help -->\n\n\
         绩效自评（ziping）帮助填写预算支出绩效自评表：自动计算得分、检查填写问题、导出和汇总。\n\n\
         ziping helps fill in budget performance self-evaluation forms: it computes the scores, checks the entries, exports and summarises.\n",
    );
    for s in SECTIONS {
        out.push_str(&format!("\n## {} · {}\n\n", s.title_zh, s.title_en));
        if let Some((path, zh, en)) = s.image {
            out.push_str(&format!("![{zh}]({path})\n\n*{zh} — {en}*\n\n"));
        }
        for (i, step) in s.steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n   \n   {}\n", i + 1, step.zh, step.en));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_file_is_the_guide() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/guide.json");
        let file = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            file,
            guide_json(),
            "assets/guide.json differs from src/help.rs: run `cargo run -- --assets assets`"
        );
        let read: Vec<GuideSection> = serde_json::from_str(&file).expect("the page reads it");
        assert_eq!(read, guide());
    }

    #[test]
    fn docs_guide_is_the_in_app_guide() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/使用说明.md");
        let docs = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            docs,
            markdown(),
            "docs/使用说明.md differs from src/help.rs: run `cargo run -- --help-markdown > docs/使用说明.md`"
        );
    }

    #[test]
    fn every_screenshot_of_the_guide_exists() {
        for s in SECTIONS {
            if let Some((path, _, _)) = s.image {
                let file = format!("{}/docs/{path}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&file).unwrap_or_default();
                assert!(
                    bytes.starts_with(b"\x89PNG"),
                    "{file} is not a PNG screenshot"
                );
            }
        }
    }
}
