@NullMarked
package com.coaching.exports.api.dataset;

import org.jspecify.annotations.NullMarked;
