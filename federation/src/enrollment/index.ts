/** Enrollment by CSR: one-time tokens, first enrollment and rotation. */
export { createEnrollmentService, type EnrollmentResult, type EnrollmentService, type EnrollmentServiceOptions } from './create-enrollment-service.ts';
export { createEnrollmentTokenStore, type EnrollmentGrant, type EnrollmentTokenStore } from './enrollment-token-store.ts';
