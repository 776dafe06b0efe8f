@NullMarked
package com.coaching.exports.worker.xlsx;

import org.jspecify.annotations.NullMarked;
