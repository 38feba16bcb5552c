// A tinkr_sink for fuzz targets that reads every byte of every string it is given (so that a record
// viewing freed or out-of-bounds memory trips AddressSanitizer at the emit, where it happened) and
// then asks for more.
#pragma once

#include <tinkr/plugin.h>

#include <cstdint>
#include <initializer_list>

namespace tinkr::fuzz {

class CheckingSink {
 public:
  CheckingSink() {
    raw_.struct_size = sizeof raw_;
    raw_.ctx = this;
    raw_.log_record = [](void* ctx, const tinkr_log_record* r) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      for (tinkr_str s : {r->severity_text, r->body, r->service, r->trace_id, r->span_id, r->attributes_json})
        self.touch(s);
      return int32_t{TINKR_OK};
    };
    raw_.metric_series = [](void* ctx, const tinkr_metric_series* s) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      for (tinkr_str t :
           {s->metric, s->native_metric, s->aggregation, s->unit, s->service, s->dimensions_json})
        self.touch(t);
      for (uint64_t i = 0; i < s->point_count; ++i)
        self.sum_ += static_cast<uint64_t>(s->points[i].time_unix_nano);
      return int32_t{TINKR_OK};
    };
    raw_.span = [](void* ctx, const tinkr_span* s) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      for (tinkr_str t : {s->trace_id, s->span_id, s->parent_span_id, s->service, s->name, s->kind,
                          s->status_code, s->attributes_json, s->events_json})
        self.touch(t);
      return int32_t{TINKR_OK};
    };
    raw_.trace_summary = [](void* ctx, const tinkr_trace_summary* s) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      for (tinkr_str t : {s->trace_id, s->service, s->name, s->status_code}) self.touch(t);
      return int32_t{TINKR_OK};
    };
    raw_.table_begin = [](void* ctx, tinkr_str name, const tinkr_column* columns, uint64_t count) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      self.touch(name);
      for (uint64_t i = 0; i < count; ++i) {
        self.touch(columns[i].name);
        self.touch(columns[i].type);
      }
      return int32_t{TINKR_OK};
    };
    raw_.table_row = [](void* ctx, const tinkr_str* cells, uint64_t count) {
      auto& self = *static_cast<CheckingSink*>(ctx);
      for (uint64_t i = 0; i < count; ++i) self.touch(cells[i]);
      return int32_t{TINKR_OK};
    };
    raw_.warning = [](void* ctx, tinkr_str message) {
      static_cast<CheckingSink*>(ctx)->touch(message);
      return int32_t{TINKR_OK};
    };
  }
  CheckingSink(const CheckingSink&) = delete;
  CheckingSink& operator=(const CheckingSink&) = delete;

  const tinkr_sink* raw() const { return &raw_; }

 private:
  void touch(tinkr_str s) {
    for (uint64_t i = 0; i < s.len; ++i) sum_ += static_cast<unsigned char>(s.ptr[i]);
  }

  tinkr_sink raw_{};
  uint64_t sum_ = 0;  // what touch read, kept so that the reads are not optimised away
};

}  // namespace tinkr::fuzz
