#include "terminal_progress.h"

#include <cstdio>
#include <unistd.h>

namespace cli {

TerminalProgress::TerminalProgress(bool enabled) : enabled_(enabled), tty_(isatty(fileno(stderr)) != 0) {}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::update(const adaround::Progress& p)
{
    if (!enabled_ || p.total <= 0)
        return;
    const double frac = double(p.done) / double(p.total);
    if (tty_) {
        const auto now = std::chrono::steady_clock::now();
        // Redraw at most ~25 times a second, and always at the end of a stage.
        if (p.stage == stage_ && p.done < p.total && now - lastDraw_ < std::chrono::milliseconds(40))
            return;
        lastDraw_ = now;
        stage_ = p.stage;
        const int width = 30, filled = int(frac * width);
        std::fprintf(stderr, "\r%-40.40s [%.*s%*s] %3d%%", p.stage.c_str(), filled,
                     "##############################", width - filled, "", int(frac * 100));
        open_ = true;
        if (p.done >= p.total) {
            std::fputc('\n', stderr);
            open_ = false;
        }
        std::fflush(stderr);
        return;
    }
    // Not a terminal (a log, CI): one line per stage start and every 10%.
    const int tenth = int(frac * 10);
    if (p.stage != stage_ || tenth != lastTenth_) {
        stage_ = p.stage;
        lastTenth_ = tenth;
        std::fprintf(stderr, "%s: %lld/%lld\n", p.stage.c_str(), (long long)p.done, (long long)p.total);
    }
}

void TerminalProgress::finish()
{
    if (open_) {
        std::fputc('\n', stderr);
        open_ = false;
    }
}

} // namespace cli
