#pragma once
// The engine's event structs as Qt metatypes, so they travel through queued
// signal connections from the worker thread to the GUI thread.
#include "adaround/run_events.h"
#include "adaround/run_record.h"

#include <QMetaType>

Q_DECLARE_METATYPE(adaround::RunStarted)
Q_DECLARE_METATYPE(adaround::LayerStarted)
Q_DECLARE_METATYPE(adaround::IterationStats)
Q_DECLARE_METATYPE(adaround::HistogramSnapshot)
Q_DECLARE_METATYPE(adaround::QuantizedLayer)
Q_DECLARE_METATYPE(adaround::LayerFinished)
Q_DECLARE_METATYPE(adaround::AccuracyPoint)
Q_DECLARE_METATYPE(adaround::RunFinished)
Q_DECLARE_METATYPE(adaround::RunRecord)



// Registers the types above for queued connections; call once before connecting.
inline void registerRunEventTypes()
{
    qRegisterMetaType<adaround::RunStarted>();
    qRegisterMetaType<adaround::LayerStarted>();
    qRegisterMetaType<adaround::IterationStats>();
    qRegisterMetaType<adaround::HistogramSnapshot>();
    qRegisterMetaType<adaround::QuantizedLayer>();
    qRegisterMetaType<adaround::LayerFinished>();
    qRegisterMetaType<adaround::AccuracyPoint>();
    qRegisterMetaType<adaround::RunFinished>();
    qRegisterMetaType<adaround::RunRecord>();
}


