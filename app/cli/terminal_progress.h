#pragma once
// Progress on stderr: a redrawn bar on a terminal, a few plain lines otherwise.
#include "adaround/progress.h"

#include <chrono>
#include <string>

namespace cli {

class TerminalProgress {
public:
    explicit TerminalProgress(bool enabled);
    ~TerminalProgress();
    void update(const adaround::Progress& p);
    void finish(); // ends a bar line

private:
    bool enabled_;
    bool tty_;
    bool open_ = false;
    std::string stage_;
    int lastTenth_ = -1;
    std::chrono::steady_clock::time_point lastDraw_;
};

} // namespace cli
