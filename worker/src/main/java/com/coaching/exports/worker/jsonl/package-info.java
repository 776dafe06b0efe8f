@NullMarked
package com.coaching.exports.worker.jsonl;

import org.jspecify.annotations.NullMarked;
