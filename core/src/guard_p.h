#pragma once
// Translates third-party exceptions into adaround::Error at core's edge.
#include "adaround/error.h"

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>

#include <new>
#include <string>
#include <utility>

namespace adaround {

// First line of a (possibly multi-line, backtrace-laden) library message.
std::string firstLine(const std::string& text);
// The cause of a LibTorch / TorchScript interpreter error, without the traceback.
std::string torchErrorSummary(const std::string& text);

template <class F>
auto guarded(const std::string& context, F&& body) -> decltype(body())
{
    try {
        return body();
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error(context + ": " + torchErrorSummary(e.what_without_backtrace()));
    } catch (const cv::Exception& e) {
        throw Error(context + ": " + firstLine(e.err));
    } catch (const std::bad_alloc&) {
        throw Error(context + ": out of memory");
    } catch (const std::exception& e) { // includes torch::jit::JITException
        throw Error(context + ": " + torchErrorSummary(e.what()));
    }
}

} // namespace adaround
