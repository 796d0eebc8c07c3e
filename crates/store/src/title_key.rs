//! The sort key of a document's title: the order a Chinese reader expects
//! of a list of titles (pinyin, as Windows Explorer and WPS sort Chinese
//! names), as a plain string that both stores compare byte by byte (SQLite's
//! `BINARY`, PostgreSQL's `COLLATE "C"`), so an index holds the order.
//!
//! Both stores keep it in `documents.title_key`, written whenever a title
//! is: at import, and by anything that changes a stored title.

use pinyin::ToPinyin;

/// The sort key of `title`: each Han character as its pinyin with the tone
/// number at the end (`广东省` → `guang3dong1sheng3`), every other
/// character as it is, ASCII letters lowercased (`2023年GDP` →
/// `2023nian2gdp`).
///
/// So titles sort by pinyin, syllable by syllable, as in a dictionary: the
/// tone digit closes each syllable and digits sort before letters, so 西安
/// (`xi1an1`) comes before 先 (`xian1`), and 东莞 (`dong1guan3`) before
/// 佛山 (`fo2shan1`) before 广州 (`guang3zhou1`) before 三亚 (`san1ya4`).
/// A neutral tone is written `5` (after the four tones), `ü` as `v`
/// (绿 `lv4`, after every `lu…`), as pinyin input methods type them. A
/// title that opens with a number sorts before every letter (`2023…` <
/// `a…`); Latin letters sort among the pinyin of the same letters (`GDP…`
/// with 广… under g); any other character (punctuation such as 《 or （, a
/// character the table lacks) keeps its code point, which sorts after
/// every ASCII character.
///
/// A character with several readings (多音字) takes the `pinyin` crate's
/// default reading, its most common one, whatever the word around it: 重庆
/// sorts as `zhong4qing4` (under z, not under c as a reader expects of the
/// city), 长沙 as `zhang3sha1`, 银行 as `yin2xing2`. A title's own words
/// are not segmented to pick readings; the list is a finding aid, and the
/// same title always sorts the same.
///
/// The stores break ties by the title itself, then the id.
pub fn title_sort_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len() * 2);
    for c in title.chars() {
        match c.to_pinyin().map(|p| p.with_tone_num_end()) {
            Some(syllable) if !syllable.is_empty() => {
                for s in syllable.chars() {
                    key.push(if s == 'ü' { 'v' } else { s });
                }
                if !syllable.ends_with(|d: char| d.is_ascii_digit()) {
                    key.push('5');
                }
            }
            _ => key.push(c.to_ascii_lowercase()),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::title_sort_key as key;

    #[test]
    fn han_characters_are_pinyin_with_tone_numbers() {
        assert_eq!(key("广东省"), "guang3dong1sheng3");
        assert_eq!(key("西安"), "xi1an1");
        assert_eq!(key("先"), "xian1");
        assert_eq!(key("绿色"), "lv4se4");
        // The neutral tone as 5, after the four: 的 (de5) after 得 (de2).
        assert_eq!(key("我们的"), "wo3men5de5");
        assert!(key("得") < key("的"));
        assert_eq!(key("二〇二三年"), "er4ling2er4san1nian2");
    }

    #[test]
    fn a_tone_digit_closes_each_syllable_as_in_a_dictionary() {
        // Digits before letters: 西安 before 先, though "xian" is a prefix of both.
        assert!(key("西安") < key("先"));
        // Tones in order within a syllable: 妈 麻 马 骂.
        let tones = ["妈", "麻", "马", "骂"].map(key);
        assert!(tones.is_sorted(), "{tones:?}");
        // 东莞 d…, 佛山 f…, 广州 g…, 三亚 s…: code points would give 三 东 佛 广.
        let cities = ["三亚", "东莞", "佛山", "广州"];
        let mut by_key = cities;
        by_key.sort_by_key(|t| key(t));
        assert_eq!(by_key, ["东莞", "佛山", "广州", "三亚"]);
        let mut by_code_point = cities;
        by_code_point.sort();
        assert_ne!(by_code_point, by_key);
    }

    #[test]
    fn other_characters_stay_ascii_lowercased() {
        assert_eq!(key("2023年GDP报告"), "2023nian2gdpbao4gao4");
        assert_eq!(key("《广东省》"), "《guang3dong1sheng3》");
        assert_eq!(key("ABC-xyz 1"), "abc-xyz 1");
        // Digits before Latin letters before pinyin of the same letter.
        assert!(key("2023年") < key("GDP"));
        assert!(key("a1") < key("ab"));
        // Latin capitals sort with their lowercase letters.
        assert!(key("Beijing") < key("cheng"));
    }

    #[test]
    fn an_empty_title_has_an_empty_key() {
        assert_eq!(key(""), "");
        assert!(key("") < key("阿"));
    }

    #[test]
    fn a_character_of_several_readings_takes_the_default_one() {
        // The crate's default reading, documented on the function: 重庆 under z.
        assert_eq!(key("重庆"), "zhong4qing4");
        assert_eq!(key("长沙"), "zhang3sha1");
    }
}
