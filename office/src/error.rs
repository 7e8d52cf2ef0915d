//! Why a file could not be read, said in both languages with what to do about it.

use serde::Serialize;

/// Office formats ziping does not read, each with the format to save as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Legacy {
    /// Word 97–2003 .doc
    Doc,
    /// WPS 表格 .et that is not an .xls inside
    Et,
    /// WPS 文字 .wps
    Wps,
    /// OpenDocument text .odt
    Odt,
    Pdf,
    Rtf,
    /// a picture (a scanned form)
    Image,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ReadError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Expands past the inflation cap (a zip bomb, or simply far too large).
    Inflated,
    /// Protected by a password.
    Encrypted,
    /// Damaged or not what its name says (the reader's own words).
    Corrupt(String),
    Legacy(Legacy),
    /// Not a format ziping knows.
    Unknown,
}

/// The largest file read (bytes).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

impl ReadError {
    pub fn zh(&self) -> String {
        match self {
            ReadError::Empty => "文件是空的".into(),
            ReadError::TooLarge { bytes } => format!(
                "文件过大（{:.1} MB），超过读取上限 {} MB",
                *bytes as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ReadError::Inflated => "文件解压后过大（可能是损坏或恶意构造的文件），未读取".into(),
            ReadError::Encrypted => "文件设有打开密码，无法读取：请在Word/Excel/WPS中取消密码后另存，再导入".into(),
            ReadError::Corrupt(why) => format!("文件已损坏或格式与扩展名不符，无法读取（{why}）"),
            ReadError::Legacy(l) => match l {
                Legacy::Doc => "这是旧版Word文档（.doc），请在Word或WPS中“另存为”Word文档（.docx）后再导入".into(),
                Legacy::Et => "这是WPS表格文件（.et），请在WPS中“另存为”Excel工作簿（.xlsx）后再导入".into(),
                Legacy::Wps => "这是WPS文字文件（.wps），请在WPS中“另存为”Word文档（.docx）后再导入".into(),
                Legacy::Odt => "这是OpenDocument文本（.odt），请另存为Word文档（.docx）后再导入".into(),
                Legacy::Pdf => "PDF文件中的表格无法直接读取：请用原来的Word/Excel文件，或先用WPS把PDF转换为Word（.docx）再导入".into(),
                Legacy::Rtf => "这是RTF文档，请在Word或WPS中“另存为”Word文档（.docx）后再导入".into(),
                Legacy::Image => "这是图片，无法读取其中的表格：请用原来的Word/Excel文件".into(),
            },
            ReadError::Unknown => "无法识别的文件格式：请导入 .xlsx、.xls、.docx、.html、.txt、.csv 或本工具导出的 .json 文件".into(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            ReadError::Empty => "The file is empty".into(),
            ReadError::TooLarge { bytes } => format!(
                "The file is too large ({:.1} MB); the limit is {} MB",
                *bytes as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ReadError::Inflated => "The file expands to far too much data (damaged or built to harm): not read".into(),
            ReadError::Encrypted => "The file is protected by a password: remove it in Word/Excel/WPS, save, and import again".into(),
            ReadError::Corrupt(why) => format!("The file is damaged or not what its name says ({why})"),
            ReadError::Legacy(l) => match l {
                Legacy::Doc => "This is an old Word document (.doc): save it as .docx in Word or WPS, then import".into(),
                Legacy::Et => "This is a WPS spreadsheet (.et): save it as .xlsx in WPS, then import".into(),
                Legacy::Wps => "This is a WPS Writer file (.wps): save it as .docx in WPS, then import".into(),
                Legacy::Odt => "This is an OpenDocument text (.odt): save it as .docx, then import".into(),
                Legacy::Pdf => "Tables in a PDF cannot be read: use the original Word/Excel file, or convert the PDF to .docx with WPS first".into(),
                Legacy::Rtf => "This is an RTF document: save it as .docx in Word or WPS, then import".into(),
                Legacy::Image => "This is a picture: the table in it cannot be read. Use the original Word/Excel file".into(),
            },
            ReadError::Unknown => "Unknown file format: import .xlsx, .xls, .docx, .html, .txt, .csv or a .json exported by ziping".into(),
        }
    }
}
