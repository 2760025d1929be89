export * from '../../../main/cdr';
export { micros, rateE8 } from '../../../main/money';
