/**
 * Dynamic scaling of an Auto Scaling group (docs/scaling.md): target tracking with its own
 * alarms, step and simple scaling on the scenario's alarms, instance warm-up, cooldowns, and the
 * AlarmNotification process. Policies only use the group's public control-plane API (its desired
 * capacity and sizes), as AWS's own scaling service does.
 */
package dev.deploysim.model.scaling;
