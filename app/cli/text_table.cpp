#include "text_table.h"

#include <algorithm>
#include <charconv>

namespace cli {

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> rightAligned)
    : header_(std::move(header)), right_(std::move(rightAligned))
{
    right_.resize(header_.size(), false);
}

void TextTable::addRow(std::vector<std::string> row)
{
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

void TextTable::print(std::ostream& out) const
{
    std::vector<size_t> width(header_.size());
    for (size_t c = 0; c < header_.size(); ++c) {
        width[c] = header_[c].size();
        for (const auto& r : rows_)
            width[c] = std::max(width[c], r[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(width[c] - cells[c].size(), ' ');
            s += right_[c] ? pad + cells[c] : cells[c] + pad;
            if (c + 1 < cells.size())
                s += "  ";
        }
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        out << s << "\n";
    };
    line(header_);
    size_t total = 0;
    for (size_t w : width)
        total += w + 2;
    out << std::string(total > 2 ? total - 2 : 0, '-') << "\n";
    for (const auto& r : rows_)
        line(r);
}

// to_chars, not printf: the C locale's decimal comma must not reach the tables.
std::string fixed(double value, int decimals)
{
    char buf[400]; // DBL_MAX in fixed notation fits
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    return std::string(buf, ec == std::errc() ? ptr : buf);
}

} // namespace cli

namespace cli {

std::string scientific(double value)
{
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 3);
    return std::string(buf, ec == std::errc() ? ptr : buf);
}

} // namespace cli
