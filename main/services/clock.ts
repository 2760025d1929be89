/** Main's "today" is the same calendar day the window shows: one function, beside the contract. */
export { localDate } from '../../preload/common/dates';
