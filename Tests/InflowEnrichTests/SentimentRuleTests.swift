import InflowCore
import InflowEnrich
import Testing

/// One table per VADER rule. Every expected value is what `vaderSentiment` 3.3.2 returns for the
/// text; the scorer must reproduce all four rounded numbers exactly.
@Suite struct SentimentRuleTests {
    typealias Case = SentimentReferenceCase

    private func check(_ reference: Case, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let actual = try SentimentTestSupport.analyzer().score(reference.text)
        #expect(actual == reference.expected, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        Case("The service was good", 0.4404, 0.492, 0.508, 0.0),
        Case("The service was very good", 0.4927, 0.444, 0.556, 0.0),
        Case("The service was extremely good", 0.4927, 0.444, 0.556, 0.0),
        Case("It was really very good", 0.5379, 0.465, 0.535, 0.0),
        Case("very bad", -0.5849, 0.0, 0.209, 0.791),
        Case("Very good, thanks", 0.7485, 0.864, 0.136, 0.0),
        Case("The results are so bad", -0.6696, 0.0, 0.471, 0.529),
    ])
    func boosters(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("The service was slightly good", 0.3832, 0.395, 0.605, 0.0),
        Case("It was somewhat bad", -0.4951, 0.0, 0.483, 0.517),
        Case("It was bad", -0.5423, 0.0, 0.364, 0.636),
        Case("It was kind of bad", -0.5849, 0.0, 0.513, 0.487),
        Case("kind of good", 0.4404, 0.592, 0.408, 0.0),
        Case("It was sort of good", 0.3832, 0.395, 0.605, 0.0),
        Case("The plan was just enough good", 0.3832, 0.343, 0.657, 0.0),
        Case("kind-of good", 0.3832, 0.723, 0.277, 0.0),
    ])
    func dampeners(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("not good", -0.3412, 0.0, 0.294, 0.706),
        Case("not bad", 0.431, 0.74, 0.26, 0.0),
        Case("isn't good", -0.3412, 0.0, 0.294, 0.706),
        Case("don't like it", -0.2755, 0.0, 0.487, 0.513),
        Case("I don\u{2019}t like it", 0.3612, 0.455, 0.545, 0.0),
        Case("never good", -0.3412, 0.0, 0.294, 0.706),
        Case("not not good", 0.2594, 0.505, 0.495, 0.0),
        Case("without doubt good", 0.6136, 0.834, 0.166, 0.0),
        Case("it is not really good", -0.3865, 0.0, 0.604, 0.396),
        Case("couldn't've been better", -0.3412, 0.0, 0.454, 0.546),
        Case("Y'ALLN'T happy", -0.4585, 0.0, 0.25, 0.75),
        Case("this is not at all a good deal", 0.4404, 0.293, 0.707, 0.0),
    ])
    func negation(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("no problem", 0.3089, 0.693, 0.307, 0.0),
        Case("No problem at all", 0.3089, 0.429, 0.571, 0.0),
        Case("no no", 0.2235, 0.654, 0.346, 0.0),
        Case("problem or no problem", -0.1134, 0.325, 0.287, 0.388),
        Case("no doubt or sadness", 0.5448, 0.693, 0.307, 0.0),
    ])
    func no(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("least good", -0.3412, 0.0, 0.294, 0.706),
        Case("the least helpful reply", -0.3252, 0.0, 0.563, 0.437),
        Case("at least helpful", 0.4215, 0.583, 0.417, 0.0),
        Case("the very least helpful", 0.4728, 0.506, 0.494, 0.0),
        Case("Not the least bit happy", 0.5719, 0.481, 0.519, 0.0),
    ])
    func least(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("I LOVE this", 0.7125, 0.712, 0.288, 0.0),
        Case("I LOVE IT", 0.6369, 0.677, 0.323, 0.0),
        Case("HARDLY good", 0.5171, 0.77, 0.23, 0.0),
        Case("hardly good", 0.3832, 0.723, 0.277, 0.0),
        Case("This is GREAT news", 0.7034, 0.617, 0.383, 0.0),
        Case("this is great news", 0.6249, 0.577, 0.423, 0.0),
        Case("NO good at all here", -0.4835, 0.0, 0.42, 0.58),
        Case("VERY good results here", 0.6028, 0.567, 0.433, 0.0),
        Case("VERY bad results here", -0.6732, 0.0, 0.399, 0.601),
    ])
    func caps(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("The demo was good but the price is bad", -0.5859, 0.142, 0.511, 0.347),
        Case("good but", 0.2382, 0.661, 0.339, 0.0),
        Case("But it was great", 0.7684, 0.653, 0.347, 0.0),
        Case("the demo was amazing but I am excited", 0.4767, 0.406, 0.594, 0.0),
        Case("good, BUT, bad", -0.5859, 0.253, 0.13, 0.617),
        Case("I like it but but I hate it", -0.6486, 0.137, 0.469, 0.395),
    ])
    func but(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("good!", 0.4926, 1.0, 0.0, 0.0),
        Case("good!!", 0.5399, 1.0, 0.0, 0.0),
        Case("good!!!!", 0.6209, 1.0, 0.0, 0.0),
        Case("good!!!!!!", 0.6209, 1.0, 0.0, 0.0),
        Case("bad!!!", -0.6571, 0.0, 0.0, 1.0),
        Case("Is it good?", 0.4404, 0.592, 0.408, 0.0),
        Case("Is it good??", 0.504, 0.62, 0.38, 0.0),
        Case("Is it good???", 0.533, 0.632, 0.368, 0.0),
        Case("Is it good????", 0.594, 0.659, 0.341, 0.0),
        Case("Is it good?!?!", 0.5919, 0.658, 0.342, 0.0),
        Case("The invoice is attached!!!", 0.0, 0.0, 1.0, 0.0),
        Case("http://x.io/good?a=b?c=d!", 0.0, 0.0, 1.0, 0.0),
    ])
    func punctuationEmphasis(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("\u{1F600}", 0.3612, 0.714, 0.286, 0.0),
        Case("\u{1F600}great", 0.3612, 0.714, 0.286, 0.0),
        Case("great \u{1F600}", 0.765, 0.868, 0.132, 0.0),
        Case("I love it \u{2764}\u{FE0F}", 0.6369, 0.512, 0.488, 0.0),
        Case("I love it \u{2764}", 0.8555, 0.737, 0.263, 0.0),
        Case("thumbs \u{1F44D}\u{1F3FD}", 0.0, 0.0, 1.0, 0.0),
        Case("\u{1F468}\u{200D}\u{1F4BB} works", 0.0, 0.0, 1.0, 0.0),
        Case("\u{1F1EB}\u{1F1F7} trip", 0.0, 0.0, 1.0, 0.0),
        Case("see \u{25B6} the news", 0.34, 0.375, 0.625, 0.0),
        Case("ON \u{1F51B} it", 0.0, 0.0, 1.0, 0.0),
        Case("\u{1F44C} deal", 0.7297, 0.86, 0.14, 0.0),
        Case("\u{00A9}2024 All rights reserved", 0.0, 0.0, 1.0, 0.0),
        Case("Great news \u{1F389}\u{1F389}", 0.8591, 0.76, 0.24, 0.0),
    ])
    func emoji(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("the shit", -0.5574, 0.0, 0.217, 0.783),
        Case("this movie is the shit", 0.6124, 0.5, 0.5, 0.0),
        Case("it is the shit lol", 0.8402, 0.727, 0.273, 0.0),
        Case("that was the bomb", 0.6124, 0.571, 0.429, 0.0),
        Case("meet me at the bus stop", 0.0, 0.0, 1.0, 0.0),
        Case("he said yeah right", 0.296, 0.423, 0.577, 0.0),
        Case("that was a kiss of death", -0.6124, 0.0, 0.444, 0.556),
        Case("a cake to die for", -0.5994, 0.0, 0.506, 0.494),
        Case("the cake is to die for", -0.5994, 0.0, 0.562, 0.438),
        Case("a beating heart here", 0.296, 0.457, 0.217, 0.326),
        Case("the cut the mustard test", -0.2732, 0.0, 0.656, 0.344),
        Case("he is under the weather", 0.0, 0.0, 1.0, 0.0),
    ])
    func phrasesAndUnusedIdioms(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("It is ok, I guess", 0.0, 0.0, 1.0, 0.0),
        Case("It is ok I guess", 0.296, 0.355, 0.645, 0.0),
        Case("(great)", 0.6249, 1.0, 0.0, 0.0),
        Case("\"awful\"", -0.4588, 0.0, 0.0, 1.0),
        Case("#love it", 0.6369, 0.808, 0.192, 0.0),
        Case("great\u{2026}", 0.0, 0.0, 1.0, 0.0),
        Case("\u{201C}good\u{201D}", 0.0, 0.0, 1.0, 0.0),
        Case(":) thanks", 0.7096, 1.0, 0.0, 0.0),
        Case(":-( sorry", -0.4215, 0.0, 0.0, 1.0),
        Case("<3", 0.4404, 1.0, 0.0, 0.0),
        Case("xD", 0.5859, 1.0, 0.0, 0.0),
        Case("\u{00A1}bueno!", 0.0, 0.0, 1.0, 0.0),
        Case("good\u{200B}news", 0.0, 0.0, 1.0, 0.0),
        Case("good\u{00A0}news", 0.4404, 0.744, 0.256, 0.0),
        Case("good\u{1C}news", 0.4404, 0.744, 0.256, 0.0),
        Case("  good  ", 0.4404, 1.0, 0.0, 0.0),
        Case("e-mail is good", 0.4404, 0.592, 0.408, 0.0),
        Case("--", 0.0, 0.0, 1.0, 0.0),
        Case("!!!", 0.0, 0.0, 1.0, 0.0),
        Case("?", 0.0, 0.0, 1.0, 0.0),
        Case("", 0.0, 0.0, 0.0, 0.0),
        Case("   \t\n", 0.0, 0.0, 0.0, 0.0),
    ])
    func tokens(_ reference: Case) throws {
        try check(reference)
    }

    @Test(arguments: [
        Case("good", 0.4404, 1.0, 0.0, 0.0),
        Case("great", 0.6249, 1.0, 0.0, 0.0),
        Case("terrible", -0.4767, 0.0, 0.0, 1.0),
        Case("good good good good good good good good good", 0.9753, 1.0, 0.0, 0.0),
        Case("bad bad bad bad bad bad bad bad bad bad", -0.9882, 0.0, 0.0, 1.0),
        Case(
            "great great great great great great great great great great great great!!!!",
            0.9949, 1.0, 0.0, 0.0),
    ])
    func compoundNormalization(_ reference: Case) throws {
        try check(reference)
    }
}
