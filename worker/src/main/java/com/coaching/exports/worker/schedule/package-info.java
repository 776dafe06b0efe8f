@NullMarked
package com.coaching.exports.worker.schedule;

import org.jspecify.annotations.NullMarked;
