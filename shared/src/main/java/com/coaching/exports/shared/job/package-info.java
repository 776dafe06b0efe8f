@NullMarked
package com.coaching.exports.shared.job;

import org.jspecify.annotations.NullMarked;
