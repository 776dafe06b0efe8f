@NullMarked
package com.coaching.exports.api.audit;

import org.jspecify.annotations.NullMarked;
