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

// Like guarded(), and an adaround::Error thrown by BODY also gets CONTEXT in
// front (unless its message already starts with it).
template <class F>
auto inContext(const std::string& context, F&& body) -> decltype(body())
{
    try {
        return guarded(context, std::forward<F>(body));
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.rfind(context, 0) == 0)
            throw;
        throw Error(context + ": " + what);
    }
}

} // namespace adaround
