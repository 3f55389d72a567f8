import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  '登录失败，请稍后重试': 'Sign-in failed, please try again later',
  '请打开手机上的验证器应用，输入显示的6位验证码。': 'Open the authenticator app on your phone and enter the 6-digit code it shows.',
  '手机不在身边时，可输入一个未使用过的恢复码（每个只能用一次）。': 'Without your phone, enter one of your unused recovery codes (each works once).',
  验证码: 'Code',
  恢复码: 'Recovery code',
  请输入验证码: 'Enter the code',
  验证码为6位数字: 'The code has 6 digits',
  请输入恢复码: 'Enter a recovery code',
  恢复码过长: 'The recovery code is too long',
  验证并登录: 'Verify and sign in',
  使用恢复码: 'Use a recovery code',
  使用验证码: 'Use the app’s code',
  返回重新登录: 'Start over',
  '密码已超过有效期，请修改密码': 'Your password has expired; please choose a new one',
  '至少10位，包含大写字母、小写字母、数字、符号中的至少三类；不得包含用户名，不得与最近5次使用过的密码相同': 'At least 10 characters of three kinds (upper case, lower case, digits, symbols); not containing the username, not one of your last 5 passwords',
});
