@NullMarked
package com.coaching.exports.shared.schedule;

import org.jspecify.annotations.NullMarked;
