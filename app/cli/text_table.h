#pragma once
// Plain-text tables with aligned columns for the CLI's human-readable output.
#include <ostream>
#include <string>
#include <vector>

namespace cli {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> header, std::vector<bool> rightAligned = {});
    void addRow(std::vector<std::string> row);
    void print(std::ostream& out) const;

private:
    std::vector<std::string> header_;
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

std::string fixed(double value, int decimals);
std::string scientific(double value); // 3 significant digits

} // namespace cli
