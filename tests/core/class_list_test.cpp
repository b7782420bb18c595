// Class lists (--classes FILE): the model's class names in output order, one
// per line; and the names as the configuration carries them.
#include "adaround/class_list.h"
#include "adaround/config_json.h"
#include "adaround/error.h"

#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {
const std::vector<std::string> kFmnist{"0_T-shirt_top", "1_Trouser", "2_Pullover", "3_Dress", "4_Coat",
                                       "5_Sandal",      "6_Shirt",   "7_Sneaker",  "8_Bag",   "9_Ankle_boot"};
} // namespace

TEST(ClassList, OneNamePerLineInOrder)
{
    std::string text;
    for (const auto& n : kFmnist)
        text += n + "\n";
    EXPECT_EQ(parseClassList(text, "c.txt"), kFmnist);
    text.pop_back(); // no newline at the end
    EXPECT_EQ(parseClassList(text, "c.txt"), kFmnist);
}

TEST(ClassList, ByteOrderMarkCrLfWhitespaceAndBlankLinesAreIgnored)
{
    const std::string text = "\xEF\xBB\xBF\r\n  cat \r\n\r\n\tdog\t\r\n\n  \nsea lion\r\n\r\n";
    EXPECT_EQ(parseClassList(text, "c.txt"), (std::vector<std::string>{"cat", "dog", "sea lion"}));
    EXPECT_EQ(parseClassList("caf\xC3\xA9\n\xE7\x8C\xAB\n", "c.txt"), (std::vector<std::string>{"caf\xC3\xA9", "\xE7\x8C\xAB"}));
}

TEST(ClassList, DuplicatesAndEmptyListsAreRefusedNamingFileAndLine)
{
    EXPECT_ERROR_CONTAINS(parseClassList("cat\ndog\n\ncat \n", "c.txt"), "c.txt:4:", "'cat'", "first on line 1");
    EXPECT_ERROR_CONTAINS(parseClassList("", "empty.txt"), "empty.txt", "no class names");
    EXPECT_ERROR_CONTAINS(parseClassList("\xEF\xBB\xBF \r\n\n\t\n", "blank.txt"), "blank.txt", "no class names");
    EXPECT_ERROR_CONTAINS(parseClassList("cat\nd\xFFg\n", "c.txt"), "c.txt:2:", "UTF-8");
    EXPECT_ERROR_CONTAINS(parseClassList("cat\nd\xC0\xAFg\n", "c.txt"), "c.txt:2:", "UTF-8"); // overlong '/'
    EXPECT_ERROR_CONTAINS(parseClassList("cat\nd\x01og\n", "c.txt"), "c.txt:2:", "control character");
}

TEST(ClassList, ReadFromAFile)
{
    TempDir dir("class-list");
    writeBytes(dir / "classes.txt", "a\r\nb\r\n");
    EXPECT_EQ(readClassListFile(dir / "classes.txt"), (std::vector<std::string>{"a", "b"}));
    EXPECT_ERROR_CONTAINS(readClassListFile(dir / "missing.txt"), "missing.txt", "class list");
    EXPECT_ERROR_CONTAINS(readClassListFile(dir.path()), "is a directory");
    writeBytes(dir / "dup.txt", "a\nb\na\n");
    EXPECT_ERROR_CONTAINS(readClassListFile(dir / "dup.txt"), "dup.txt:3:", "'a'");
}

TEST(ClassList, ConfigurationCarriesTheNamesAndRoundTrips)
{
    AdaRoundConfig c;
    c.classNames = kFmnist;
    const std::string text = configToJson(c);
    EXPECT_NE(text.find("\"classes\":[\"0_T-shirt_top\""), std::string::npos) << text;
    EXPECT_EQ(configFromJson(text).classNames, kFmnist);
    EXPECT_TRUE(configFromJson(configToJson({})).classNames.empty());
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"classes": ["a", "b", "a"]})"), "classes", "'a'", "twice");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"classes": ["a", ""]})"), "classes", "empty name");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"classes": "a"})"), "classes must be a list of class names");
    c.classNames = {"a", "a"};
    EXPECT_ERROR_CONTAINS(c.validate(), "classes", "twice");
}

TEST(ClassList, DescribesTheMapping)
{
    ClassMapping m{kFmnist, kClassSourceCalibration, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {5, 9}};
    EXPECT_EQ(describeClassMapping(m), "10 classes (from the calibration folder); calibration folder: all 10; "
                                       "eval folder: 2 of them (5 5_Sandal, 9 9_Ankle_boot)");
    EXPECT_EQ(describeClassMapping({}), "not recorded");
}
