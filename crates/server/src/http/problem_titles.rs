//! The titles of the problem kinds this server answers with, in every
//! language the portal speaks. [`super::problem`] sets them on every
//! problem as it renders it.

use aftercare_core::problem::kinds;
use aftercare_core::Locale;

use super::problem::STATUS_ONLY;
use super::problem_kinds;

/// The title of a problem kind in `locale`, or `None` for kinds this server
/// does not know (their title is kept).
pub(super) fn title(kind: &str, status: u16, locale: Locale) -> Option<&'static str> {
    let [en, zh_cn, zh_tw] = match kind {
        kinds::NOT_FOUND => ["Not found", "未找到", "找不到"],
        kinds::VALIDATION => [
            "Some of the values are not valid",
            "请求中有无效的值",
            "請求中有無效的值",
        ],
        kinds::MALFORMED => [
            "The request could not be read",
            "无法读取该请求",
            "無法讀取此請求",
        ],
        kinds::INTERNAL => [
            "Something went wrong on our side",
            "服务器出错了",
            "伺服器發生錯誤",
        ],
        kinds::UNAVAILABLE => [
            "The service is temporarily unavailable",
            "服务暂时不可用",
            "服務暫時無法使用",
        ],
        problem_kinds::UNAUTHENTICATED => ["Please sign in", "请先登录", "請先登入"],
        problem_kinds::FORBIDDEN => [
            "You may not do this",
            "您无权执行此操作",
            "您無權執行此操作",
        ],
        problem_kinds::SIGN_IN_FAILED => [
            "The sign-in code is wrong or has expired",
            "验证码错误或已过期",
            "驗證碼錯誤或已過期",
        ],
        problem_kinds::EMBED_TOKEN_REJECTED => [
            "The sign-in from the vendor's website was refused",
            "来自厂商网站的登录请求被拒绝",
            "來自廠商網站的登入請求被拒絕",
        ],
        problem_kinds::RATE_LIMITED => [
            "Too many requests; please wait a moment",
            "请求过于频繁，请稍后再试",
            "請求過於頻繁，請稍後再試",
        ],
        problem_kinds::IDEMPOTENCY_KEY_REUSED => [
            "This request key was already used for a different request",
            "该请求键已用于另一个请求",
            "此請求鍵已用於另一個請求",
        ],
        problem_kinds::IDEMPOTENCY_KEY_IN_FLIGHT => [
            "The same request is still being processed",
            "相同的请求仍在处理中",
            "相同的請求仍在處理中",
        ],
        problem_kinds::INVALID_TRANSITION => [
            "This cannot be done to the request now",
            "该服务请求当前无法执行此操作",
            "此服務請求目前無法執行此操作",
        ],
        problem_kinds::UPLOAD_CONFLICT => [
            "The upload is not at that point",
            "上传进度与请求不一致",
            "上傳進度與請求不一致",
        ],
        problem_kinds::SURVEY_NOT_OPEN => [
            "The survey opens once the request is resolved",
            "服务请求解决后才能参与满意度调查",
            "服務請求解決後才能填寫滿意度調查",
        ],
        problem_kinds::SURVEY_CLOSED => [
            "The survey can no longer be changed",
            "满意度调查已无法修改",
            "滿意度調查已無法修改",
        ],
        problem_kinds::ALREADY_REGISTERED => [
            "This product is registered already",
            "该产品已登记",
            "此產品已登記",
        ],
        STATUS_ONLY if status == 405 => {
            ["Method not allowed", "不支持该请求方法", "不支援此請求方法"]
        }
        STATUS_ONLY => ["The request failed", "请求失败", "請求失敗"],
        _ => return None,
    };
    Some(match locale {
        Locale::En => en,
        Locale::ZhCn => zh_cn,
        Locale::ZhTw => zh_tw,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_kind_has_a_title_in_every_locale() {
        for kind in [
            kinds::NOT_FOUND,
            kinds::VALIDATION,
            kinds::MALFORMED,
            kinds::INTERNAL,
            kinds::UNAVAILABLE,
            problem_kinds::UNAUTHENTICATED,
            problem_kinds::FORBIDDEN,
            problem_kinds::SIGN_IN_FAILED,
            problem_kinds::EMBED_TOKEN_REJECTED,
            problem_kinds::RATE_LIMITED,
            problem_kinds::IDEMPOTENCY_KEY_REUSED,
            problem_kinds::IDEMPOTENCY_KEY_IN_FLIGHT,
            problem_kinds::INVALID_TRANSITION,
            problem_kinds::SURVEY_NOT_OPEN,
            problem_kinds::SURVEY_CLOSED,
            problem_kinds::ALREADY_REGISTERED,
            STATUS_ONLY,
        ] {
            for locale in Locale::ALL {
                assert!(title(kind, 400, locale).is_some_and(|t| !t.is_empty()));
            }
        }
        assert_eq!(title("https://example.com/other", 400, Locale::En), None);
    }
}
