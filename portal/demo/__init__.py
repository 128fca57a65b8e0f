"""The demo database: Zhengzhou's real county list, a few schools in each, one account per role."""
