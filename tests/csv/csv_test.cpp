// Reading CSV a row at a time, with progress that is right from the first row; the one
// progress bar of both tools.
#include "csv/csv.hpp"
#include "csv/progress_bar.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

using namespace jne;

TEST(CsvRead, TellsTheBytesThroughEachRowBeforeHandlingIt) {
    const std::string text = "a,b\n1,\"x\ny\"\n2,z\r\n3,w";  // a quoted line break, CRLF, no end
    std::istringstream in(text);
    std::vector<std::uint64_t> positions;
    std::vector<std::string> firsts;
    std::uint64_t last = 0;
    const auto problem = csv::read(
        in,
        [&](std::vector<std::string>& fields, std::int64_t) {
            positions.push_back(last);
            firsts.push_back(fields[0] + "|" + (fields.size() > 1 ? fields[1] : ""));
        },
        [&](std::uint64_t bytes) { last = bytes; });
    EXPECT_EQ(problem, "");
    EXPECT_EQ(firsts, (std::vector<std::string>{"a|b", "1|x\ny", "2|z", "3|w"}));
    ASSERT_EQ(positions.size(), 4u);
    EXPECT_EQ(positions[0], 4u);   // "a,b\n": the first row of a small file is not "0 %"
    EXPECT_EQ(positions[1], 12u);  // through the quoted line break
    EXPECT_EQ(positions[2], 17u);
    EXPECT_EQ(positions[3], text.size());
}

TEST(ProgressBar, ShowsPercentRateAndTimeLeft) {
    using seconds = std::chrono::duration<double>;
    EXPECT_EQ(csv::progress_bar::line(1000, 250, 50, seconds(2), "50 created"),
              "[#####               ]  25%  25 rows/s  0:06 left  50 created");
    EXPECT_EQ(csv::progress_bar::line(1000, 1000, 200, seconds(4), "done"),
              "[####################] 100%  50 rows/s  0:00 left  done");
    EXPECT_EQ(csv::progress_bar::line(1000, 0, 0, seconds(0), ""),
              "[                    ]   0%  0 rows/s  -:-- left  ");
    EXPECT_EQ(csv::progress_bar::line(0, 0, 0, seconds(1), "empty"),
              "[####################] 100%  0 rows/s  0:00 left  empty");
}

TEST(ProgressBar, DrawsFromTheFirstRowAndEndsItsLine) {
    std::FILE* out = std::tmpfile();
    {
        csv::progress_bar bar(100, out, true);
        bar.show(10, 1, "1 created");
        bar.show(20, 2, "2 created");  // within a tenth of a second: not drawn
        bar.show(100, 10, "10 created");
    }
    std::rewind(out);
    std::string drawn(512, '\0');
    drawn.resize(std::fread(drawn.data(), 1, drawn.size(), out));
    std::fclose(out);
    EXPECT_NE(drawn.find("\r[##                  ]  10%"), std::string::npos) << drawn;
    EXPECT_EQ(drawn.find("2 created"), std::string::npos) << drawn;
    EXPECT_NE(drawn.find("100%"), std::string::npos) << drawn;
    EXPECT_TRUE(drawn.ends_with("10 created\x1b[K\n")) << drawn;
}
