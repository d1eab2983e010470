// Known mistakes of exercise 01, each the computation a student's function performs when it makes it.
// Every one has a real student file in ../mistakes/<id>.ts that the tests grade.
import { recognizeOverflow, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { sigmoid, tanh } from '@gatecheck/kernels';

type Args = [x: number];

const overflow: Mistake<Args> = {
  id: 'naive-exp-overflow',
  compute: (x) => Math.exp(x) / (Math.exp(x) + 1),
  recognize: recognizeOverflow(VALUE_TOLERANCE),
  explanation: 'Math.exp overflows to Infinity once its argument passes about 709 (and e^2x already at 355), and ' +
    'Infinity / Infinity is NaN. Rewrite the formula so exp only ever sees a number <= 0: for sigmoid use ' +
    'e^x / (1 + e^x) when x < 0 and 1 / (1 + e^-x) otherwise; for tanh use the sign of x with e^(-2|x|).',
};

export const sigmoidMistakes: Mistake<Args>[] = [
  { id: 'activation-swap', compute: (x) => tanh(x),
    explanation: 'This is tanh, not sigmoid: sigmoid(x) = 1 / (1 + e^-x) lies between 0 and 1 (sigmoid(0) = 0.5), tanh between -1 and 1.' },
  { id: 'sigmoid-sign', compute: (x) => sigmoid(-x),
    explanation: 'The sign of the exponent is flipped: 1 / (1 + e^x) is sigmoid(-x). The formula is 1 / (1 + e^-x), so sigmoid grows with x.' },
  overflow,
];

export const tanhMistakes: Mistake<Args>[] = [
  { id: 'activation-swap', compute: (x) => sigmoid(x),
    explanation: 'This is sigmoid, not tanh: tanh(x) = (e^x - e^-x) / (e^x + e^-x) lies between -1 and 1 (tanh(0) = 0).' },
  { id: 'tanh-half-argument', compute: (x) => tanh(x / 2),
    explanation: '2·sigmoid(x) - 1 equals tanh(x/2), not tanh(x): the identity is tanh(x) = 2·sigmoid(2x) - 1.' },
  { ...overflow, compute: (x) => (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x)) },
];
