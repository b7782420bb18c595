#pragma once
// Named details of PhaseProgress (adaround/run_events.h) that listeners tell
// apart, defined once for the engine that sends them and the views.

namespace adaround {

// The final evaluation after the last layer: FP32, RTN and the quantized model
// scored in one streamed pass (phase Evaluating; done/total: evaluation images).
inline constexpr char kFinalEvaluationStage[] = "final: FP32, RTN and AdaRound";

} // namespace adaround
