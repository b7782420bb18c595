#include "adaround/study_events.h"

#include "adaround/overloaded.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adaround {

double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y)
{
    const size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return std::numeric_limits<double>::quiet_NaN();
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= double(n);
    my /= double(n);
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return sxy / std::sqrt(sxx * syy);
}

StudyStatistics studyStatistics(const StudyPoint& rtn, const std::vector<StudySample>& samples)
{
    StudyStatistics s;
    s.samples = int(samples.size());
    s.rtnTop1 = rtn.top1;
    s.correlation = std::numeric_limits<double>::quiet_NaN();
    if (samples.empty())
        return s;
    std::vector<double> top1, mse;
    for (const StudySample& sample : samples) {
        top1.push_back(sample.point.top1);
        mse.push_back(sample.point.recMse);
    }
    const double n = double(samples.size());
    s.betterThanRtn = double(std::count_if(top1.begin(), top1.end(), [&](double t) { return t > rtn.top1; })) / n;
    s.equalToRtn = double(std::count(top1.begin(), top1.end(), rtn.top1)) / n;
    s.bestTop1 = *std::max_element(top1.begin(), top1.end());
    s.worstTop1 = *std::min_element(top1.begin(), top1.end());
    for (double t : top1)
        s.meanTop1 += t / n;
    s.bestRecMse = *std::min_element(mse.begin(), mse.end());
    for (double m : mse)
        s.meanRecMse += m / n;
    s.correlation = pearsonCorrelation(top1, mse);
    return s;
}

void StudyRecorder::onEvent(const StudyEvent& event)
{
    StudyRecord& r = record_;
    std::visit(overloaded{[&](const StudyStarted& e) {
                              r.started = e;
                              r.hasStarted = true;
                          },
                          [&](const StudyBaseline& e) { r.baseline = e; },
                          [&](const StudySample& e) { r.samples.push_back(e); },
                          [&](const StudyAdaRound& e) { r.adaround = e; },
                          [&](const StudyFinished& e) {
                              r.finished = e;
                              r.end = RunEnd::Completed;
                          },
                          [&](const StudyCancelled&) { r.end = RunEnd::Cancelled; },
                          [&](const StudyFailed& e) {
                              r.end = RunEnd::Failed;
                              r.error = e.error;
                          },
                          [](const PhaseProgress&) {}},
               event);
}

} // namespace adaround
