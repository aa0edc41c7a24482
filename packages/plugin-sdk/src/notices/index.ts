export { noticeHeader } from './notice-header';
