#pragma once
// The student-level texts of the quadratic-rounding views ("What am I looking
// at?"), kept in one place: the views show them, and the workbench's Help
// page and What's This use the same words.
#include <QString>

namespace toyexplain {

QString twoWeightsTitle();
QString twoWeightsHtml(); // the two-weight example: the equation, the colours and marks, the run
QString nWeightsTitle();
QString nWeightsHtml();   // n weights: nearest vs AdaRound vs the enumerated optimum

} // namespace toyexplain
