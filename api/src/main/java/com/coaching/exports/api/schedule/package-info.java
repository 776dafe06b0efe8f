@NullMarked
package com.coaching.exports.api.schedule;

import org.jspecify.annotations.NullMarked;
