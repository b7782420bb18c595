#pragma once
// The /study group of a study log, named once for the writer and the reader
// (study_log_layout.cpp; docs/runlog.md, "Study logs").
#include "adaround/study_events.h"
#include "h5_p.h"

#include <cstddef>

namespace adaround {

// /study/samples: one dataset per column, one row per sample.
struct StudySampleColumn {
    const char* name;
    double StudyPoint::*member; // unused for the index column
    bool isIndex;
};
inline constexpr StudySampleColumn kStudySampleColumns[] = {
    {"index", nullptr, true},
    {"top1", &StudyPoint::top1, false},
    {"rec_mse", &StudyPoint::recMse, false},
    {"flipped_share", &StudyPoint::flippedShare, false}};
inline constexpr size_t kStudySampleColumnCount = std::size(kStudySampleColumns);

// The settings and the layer's facts, as attributes of /study.
void writeStudyStart(hid_t study, const StudyStarted& e);
void readStudyStart(hid_t study, StudyStarted& e);
// PREFIX_top1, PREFIX_rec_mse, PREFIX_flipped_share.
void writeStudyPoint(hid_t study, const char* prefix, const StudyPoint& p);
StudyPoint readStudyPoint(hid_t study, const char* prefix);
bool hasStudyPoint(hid_t study, const char* prefix);
void writeStudyStatistics(hid_t study, const StudyStatistics& s);

} // namespace adaround
