#pragma once
// The stochastic-rounding study as a teaching view: what it shows, in a few
// sentences with the equation, above the histogram of the random roundings'
// top-1 (nearest and AdaRound marked) and the scatter of top-1 against the
// layer's output error. Fed a whole StudyRecord, live (as samples arrive) or
// from a study log.
#include "adaround/study_events.h"

#include <QWidget>

class QLabel;
class StudyHistogramPlot;
class StudyScatterPlot;

class StudyView : public QWidget {
    Q_OBJECT
public:
    explicit StudyView(QWidget* parent = nullptr);
    void setRecord(const adaround::StudyRecord& record);
    StudyHistogramPlot* histogram() const { return histogram_; }
    StudyScatterPlot* scatter() const { return scatter_; }
    QString summaryText() const;

private:
    QLabel* explanation_;
    QLabel* summary_;
    StudyHistogramPlot* histogram_;
    StudyScatterPlot* scatter_;
};
