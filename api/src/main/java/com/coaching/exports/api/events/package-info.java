@NullMarked
package com.coaching.exports.api.events;

import org.jspecify.annotations.NullMarked;
